// The machine's clocks, virtual: sleeping advances them instead of waiting
// (docs/design-changes.md, "user programs with fork"). Each clock is the real
// clock plus one offset that only grows; a sleep that nothing else can run
// during moves the offset forward to the sleeper's deadline, so a tester that
// sleeps 10 minutes finishes at once and still sees 10 minutes pass
// (CLOCK_MONOTONIC, CLOCK_REALTIME and time() all include the offset). Time
// still flows between sleeps, so a loop that polls the clock ends.

export class VirtualClock {
  private offsetNs = 0n;
  /** offsetNs as a number, for seconds(): no BigInt on the path every kmalloc's date takes */
  private offsetSeconds = 0;
  private readonly perf = performance;
  private readonly bootMs: number;
  /** the wall clock at boot, ns since the epoch: CLOCK_REALTIME is this + CLOCK_MONOTONIC, as the
   *  kernel keeps it (tk->offs_real), so the two clocks see the same intervals */
  private readonly bootRealNs: bigint;

  constructor() {
    this.bootMs = this.perf.now();
    this.bootRealNs = BigInt(Date.now()) * 1_000_000n;
  }

  /** CLOCK_MONOTONIC: nanoseconds since the machine booted, sleeps included. */
  monotonicNs(): bigint {
    return BigInt(Math.round((this.perf.now() - this.bootMs) * 1e6)) + this.offsetNs;
  }

  /** CLOCK_REALTIME: the host's wall clock at boot plus CLOCK_MONOTONIC (sleeps included), in ns since the epoch. */
  realtimeNs(): bigint {
    return this.bootRealNs + this.monotonicNs();
  }

  /** Seconds since boot (the kernel's clock: printk times, ktime_get). */
  seconds(): number {
    return (this.perf.now() - this.bootMs) / 1000 + this.offsetSeconds;
  }

  /** called after a jump forward (the kernel's jiffies read the clock again) */
  onJump: (() => void) | null = null;

  /** Jump forward to monotonic time `ns` (never back). */
  advanceTo(ns: bigint): void {
    const now = this.monotonicNs();
    if (ns > now) {
      this.offsetNs += ns - now;
      this.offsetSeconds = Number(this.offsetNs) / 1e9;
      this.onJump?.();
    }
  }

  /** How far the clocks are ahead of the real ones, in ns. */
  get skippedNs(): bigint {
    return this.offsetNs;
  }
}
