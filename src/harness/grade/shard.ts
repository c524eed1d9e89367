// Sharding a batch: `--shard I/N` takes the I-th (1-based) of N deterministic
// shares of the submissions sorted by name; submission k (0-based) belongs to
// shard (k mod N) + 1. Browser-safe.

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** Locale-independent order (UTF-16 code units), so every machine of a CI matrix agrees. */
export const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Parse "I/N" (1 <= I <= N); throws an Error with a message for the user. */
export function parseShard(raw: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!m) throw new Error(`--shard needs I/N (e.g. 2/4), not '${raw}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new Error(`--shard ${raw}: I must be between 1 and N, and N at least 1`);
  }
  return { index, count };
}

/** The shard's submissions, in name order. */
export function selectShard<T extends { name: string }>(items: readonly T[], shard: Shard): T[] {
  return [...items].sort((a, b) => compareNames(a.name, b.name)).filter((_, k) => k % shard.count === shard.index - 1);
}
