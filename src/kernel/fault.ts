// The oops for a faulting module access whose address is known: libkern's loads and stores are
// checked on their 64-bit effective address (src/toolchain/lp64.ts), and one outside kernel
// memory or in the NULL page calls the host's `fault` import here. The report is the one x86-64
// Linux 6.1 prints for that address: page_fault_oops (arch/x86/mm/fault.c) for a canonical
// address, exc_general_protection (arch/x86/kernel/traps.c) for a non-canonical one.

import { PAGE_SIZE, TASK_SIZE, USER_BASE } from "./constants.js";
import { KernelOops } from "./oops.js";

/** fault()'s kind bits (lp64.ts FAULT_*): bit 0 a write; bits 1.. plain access, memcpy, memset. */
const WRITE = 1;

/** x86-64 page-fault error code bits (X86_PF_PROT, X86_PF_WRITE). */
const PF_PROT = 1, PF_WRITE = 2;

/** An address as Linux prints it with %px: 16 hex digits. */
export function hex64(a: bigint): string {
  return BigInt.asUintN(64, a).toString(16).padStart(16, "0");
}

/** The first byte of [addr, addr + size) that is not kernel memory: where the CPU faults. */
export function faultingAddress(addr: bigint, size: bigint, memoryBytes: number): bigint {
  const a = BigInt.asUintN(64, addr);
  const end = BigInt(memoryBytes);
  if (a < BigInt(PAGE_SIZE) || a >= end) return a;
  return size > 0n && a + size > end ? end : a;
}

/** x86-64's 48-bit virtual addresses: bits 63..47 all equal (__is_canonical_address). */
export function isCanonical(a: bigint): boolean {
  const top = BigInt.asUintN(64, a) >> 47n;
  return top === 0n || top === 0x1ffffn;
}

/**
 * The oops Linux raises for a kernel-mode access at `addr` (size bytes; kind from lp64.ts).
 * userMapped: whether a user address is mapped in the current process (the error code's P bit).
 */
export function faultOops(addr: bigint, size: bigint, kind: number, memoryBytes: number, userMapped = (_a: number) => false): KernelOops {
  const a = faultingAddress(addr, size, memoryBytes);
  const write = (kind & WRITE) !== 0;
  const what = [undefined, "memcpy", "memset"][kind >> 1];
  const via = what ? [`in a ${what} of ${size} bytes at ${hex64(BigInt.asUintN(64, addr))}`] : [];
  if (!isCanonical(a)) {
    // exc_general_protection -> die_addr("general protection fault, probably for non-canonical address 0x…")
    return new KernelOops(`general protection fault, probably for non-canonical address 0x${hex64(a)}`, via, undefined, {
      die: "general protection fault",
      errorCode: 0,
    });
  }
  const user = a >= BigInt(USER_BASE) && a < BigInt(TASK_SIZE);
  // do_user_addr_fault: SMAP refuses any user address in kernel mode; a mapped one is a
  // permissions violation, an unmapped one a not-present page. Nothing else is mapped.
  const present = user && userMapped(Number(a));
  const code = (write ? PF_WRITE : 0) | (present ? PF_PROT : 0);
  const pf = [
    `#PF: supervisor ${write ? "write" : "read"} access in kernel mode`,
    `#PF: error_code(0x${code.toString(16).padStart(4, "0")}) - ${present ? "permissions violation" : "not-present page"}`,
  ];
  if (a < BigInt(PAGE_SIZE)) {
    // page_fault_oops: address < PAGE_SIZE in kernel mode
    return new KernelOops(`BUG: kernel NULL pointer dereference, address: ${hex64(a)}`, [...pf, ...via], undefined, { errorCode: code });
  }
  const hint = user ? ["user memory accessed without copy_from_user/copy_to_user: a __user pointer was dereferenced (SMAP)"] : [];
  return new KernelOops(`BUG: unable to handle page fault for address: ${hex64(a)}`, [...pf, ...hint, ...via], undefined, { errorCode: code });
}

