// The character-device tables (fs/char_dev.c): registered regions (names for
// /proc/devices, conflicts) and the cdev map that chrdev_open looks in.

import { EBUSY, EINVAL } from "./errno.js";

/** Who answers for a range of minors: a module's fops, or a built-in driver. */
export interface CdevOwner {
  readonly name: string;
}

export interface Region {
  major: number;
  baseminor: number;
  count: number;
  name: string;
  owner: CdevOwner | null;
}

export interface Cdev<T> {
  major: number;
  baseminor: number;
  count: number;
  target: T;
  owner: CdevOwner | null;
}

/** CHRDEV_MAJOR_MAX: majors are below 512. */
export const CHRDEV_MAJOR_MAX = 512;
// find_dynamic_major: 254 down to 234, then 511 down to 384
const DYNAMIC_MAJORS = [...range(234, 254).reverse(), ...range(384, 511).reverse()];

export class ChrdevTable<T> {
  private readonly regions: Region[] = [];
  private readonly cdevs: Cdev<T>[] = [];

  /** __register_chrdev_region: the major (for a dynamic request) or 0, or -errno. */
  registerRegion(major: number, baseminor: number, count: number, name: string, owner: CdevOwner | null): number {
    if (major >= CHRDEV_MAJOR_MAX) return -EINVAL;
    if (count === 0 || baseminor + count > 1 << 20) return -EINVAL;
    let m = major;
    if (m === 0) {
      const free = DYNAMIC_MAJORS.find((c) => !this.regions.some((r) => r.major === c));
      if (free === undefined) return -EBUSY;
      m = free;
    }
    const overlaps = this.regions.some((r) => r.major === m && baseminor < r.baseminor + r.count && r.baseminor < baseminor + count);
    if (overlaps) return -EBUSY;
    this.regions.push({ major: m, baseminor, count, name, owner });
    this.regions.sort((a, b) => a.major - b.major || a.baseminor - b.baseminor);
    return major === 0 ? m : 0;
  }

  unregisterRegion(major: number, baseminor: number, count: number): boolean {
    const i = this.regions.findIndex((r) => r.major === major && r.baseminor === baseminor && r.count === count);
    if (i < 0) return false;
    this.regions.splice(i, 1);
    return true;
  }

  /** cdev_add: 0 or -errno. */
  addCdev(major: number, baseminor: number, count: number, target: T, owner: CdevOwner | null): number {
    if (count === 0) return -EINVAL;
    if (this.cdevs.some((c) => c.major === major && baseminor < c.baseminor + c.count && c.baseminor < baseminor + count)) return -EBUSY;
    this.cdevs.push({ major, baseminor, count, target, owner });
    return 0;
  }

  removeCdev(major: number, baseminor: number, count: number): boolean {
    const i = this.cdevs.findIndex((c) => c.major === major && c.baseminor === baseminor && c.count === count);
    if (i < 0) return false;
    this.cdevs.splice(i, 1);
    return true;
  }

  /** kobj_lookup in chrdev_open: the cdev that covers (major, minor), if any. */
  lookup(major: number, minor: number): Cdev<T> | undefined {
    return this.cdevs.find((c) => c.major === major && minor >= c.baseminor && minor < c.baseminor + c.count);
  }

  /** Everything an owner left behind (checked when a module goes away). */
  ownedBy(owner: CdevOwner): { regions: Region[]; cdevs: Cdev<T>[] } {
    return { regions: this.regions.filter((r) => r.owner === owner), cdevs: this.cdevs.filter((c) => c.owner === owner) };
  }

  allRegions(): readonly Region[] {
    return this.regions;
  }

  /** /proc/devices (chrdev_show: one line per major, "%3d %s"). */
  procDevices(blockDevices: string): string {
    const seen = new Set<string>();
    let out = "Character devices:\n";
    for (const r of this.regions) {
      const line = `${String(r.major).padStart(3, " ")} ${r.name}\n`;
      if (seen.has(line)) continue;
      seen.add(line);
      out += line;
    }
    return out + "\nBlock devices:\n" + blockDevices;
  }
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}
