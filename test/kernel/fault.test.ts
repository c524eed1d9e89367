// src/kernel/fault.ts: the oops for a known faulting address is the one x86-64 Linux 6.1 prints
// (page_fault_oops, exc_general_protection), chosen by the address alone, never guessed.
import { describe, expect, it } from "vitest";
import { faultOops, faultingAddress, isCanonical } from "../../src/kernel/fault.js";

const MEM = 1 << 20;
const READ = 0, WRITE = 1, COPY = 2;

describe("faultOops", () => {
  it("an address in the NULL page is a NULL pointer dereference at that address (16 digits)", () => {
    const o = faultOops(8n, 8n, READ, MEM);
    expect(o.title).toBe("BUG: kernel NULL pointer dereference, address: 0000000000000008");
    expect(o.details.slice(0, 2)).toEqual(["#PF: supervisor read access in kernel mode", "#PF: error_code(0x0000) - not-present page"]);
    expect(o.dieInfo).toEqual({ errorCode: 0 });
  });

  it("a write sets the error code's write bit", () => {
    const o = faultOops(4n, 4n, WRITE, MEM);
    expect(o.details[0]).toBe("#PF: supervisor write access in kernel mode");
    expect(o.details[1]).toBe("#PF: error_code(0x0002) - not-present page");
    expect(o.dieInfo.errorCode).toBe(2);
  });

  it("a mapped user address is SMAP's permissions violation, named as a __user pointer", () => {
    const o = faultOops(0x2000_0010n, 1n, READ, MEM, (a) => a < 0x2001_0000);
    expect(o.title).toBe("BUG: unable to handle page fault for address: 0000000020000010");
    expect(o.details[1]).toBe("#PF: error_code(0x0001) - permissions violation");
    expect(o.details.join("\n")).toContain("user memory accessed without copy_from_user");
  });

  it("an unmapped user address is not present, and still a user address", () => {
    const o = faultOops(0x7ff0_0000n, 4n, READ, MEM, () => false);
    expect(o.details[1]).toBe("#PF: error_code(0x0000) - not-present page");
    expect(o.details.join("\n")).toContain("user memory accessed without copy_from_user");
  });

  it("a kmalloc-sized overrun past kernel memory is a plain page fault, never a user-pointer report", () => {
    const o = faultOops(BigInt(MEM - 4), 16n, COPY | WRITE, MEM);
    expect(o.title).toBe(`BUG: unable to handle page fault for address: ${MEM.toString(16).padStart(16, "0")}`);
    expect(o.details.join("\n")).not.toContain("copy_from_user");
    expect(o.details.join("\n")).toContain("memcpy of 16 bytes");
  });

  it("a non-canonical address (SLUB's poison as a pointer) is a general protection fault", () => {
    const o = faultOops(0x6b6b_6b6b_6b6b_6b6bn, 8n, READ, MEM);
    expect(o.title).toBe("general protection fault, probably for non-canonical address 0x6b6b6b6b6b6b6b6b");
    expect(o.dieInfo.die).toBe("general protection fault");
    expect(o.details).toEqual([]);
  });

  it("a canonical kernel-half address is a page fault, not a #GP", () => {
    const o = faultOops(0xffff_8880_0000_0000n, 8n, READ, MEM);
    expect(o.title).toBe("BUG: unable to handle page fault for address: ffff888000000000");
  });
});

describe("address helpers", () => {
  it("faultingAddress is the first byte outside kernel memory", () => {
    expect(faultingAddress(100n, 8n, MEM)).toBe(100n);
    expect(faultingAddress(BigInt(MEM - 2), 8n, MEM)).toBe(BigInt(MEM));
    expect(faultingAddress(-8n, 8n, MEM)).toBe(0xffff_ffff_ffff_fff8n);
  });
  it("isCanonical: bits 63..47 all equal", () => {
    expect(isCanonical(0x0000_7fff_ffff_ffffn)).toBe(true);
    expect(isCanonical(0x0000_8000_0000_0000n)).toBe(false);
    expect(isCanonical(0xffff_8000_0000_0000n)).toBe(true);
    expect(isCanonical(0x6b6b_6b6b_6b6b_6b6bn)).toBe(false);
  });
});
