import { describe, expect, it } from "vitest";
import { ChrdevTable } from "../../src/kernel/chrdev.js";
import { Vfs } from "../../src/kernel/vfs.js";
import { EBUSY, EEXIST, EINVAL, ENOENT } from "../../src/kernel/errno.js";

const owner = { name: "m" };

describe("chrdev table", () => {
  it("registers a fixed major, refuses an overlap with EBUSY and a major >= 512 with EINVAL", () => {
    const t = new ChrdevTable<string>();
    expect(t.registerRegion(235, 0, 256, "message_slot", owner)).toBe(0);
    expect(t.registerRegion(235, 100, 1, "other", owner)).toBe(-EBUSY);
    expect(t.registerRegion(235, 256, 10, "above", owner)).toBe(0);
    expect(t.registerRegion(512, 0, 1, "x", owner)).toBe(-EINVAL);
  });

  it("hands out dynamic majors from 254 down, like find_dynamic_major", () => {
    const t = new ChrdevTable<string>();
    expect(t.registerRegion(0, 0, 1, "a", owner)).toBe(254);
    expect(t.registerRegion(0, 0, 1, "b", owner)).toBe(253);
  });

  it("looks up the cdev covering (major, minor) and lists regions in /proc/devices", () => {
    const t = new ChrdevTable<string>();
    t.registerRegion(235, 0, 256, "message_slot", owner);
    t.addCdev(235, 0, 256, "fops", owner);
    expect(t.lookup(235, 255)?.target).toBe("fops");
    expect(t.lookup(235, 256)).toBeUndefined();
    expect(t.procDevices("")).toBe("Character devices:\n235 message_slot\n\nBlock devices:\n");
    expect(t.ownedBy(owner).regions).toHaveLength(1);
  });
});

describe("vfs", () => {
  it("makes nodes only under /dev, refuses duplicates, removes them", () => {
    const v = new Vfs();
    const now = new Date(0);
    expect(v.mknod("/dev/slot0", 235, 0, now)).toBe(0);
    expect(v.mknod("/dev//slot0", 235, 1, now)).toBe(-EEXIST);
    expect(v.mknod("/tmp/x", 235, 0, now)).toBe(-ENOENT);
    expect(v.lookup("/dev/./slot0")?.minor).toBe(0);
    expect(v.unlink("/dev/slot0")).toBe(0);
    expect(v.unlink("/dev/slot0")).toBe(-ENOENT);
  });

  it("gives each node its own inode number and lists /dev sorted", () => {
    const v = new Vfs();
    v.mknod("/dev/b", 235, 1, new Date(0));
    v.mknod("/dev/a", 235, 0, new Date(0));
    const [a, b] = v.list();
    expect([a.name, b.name]).toEqual(["a", "b"]);
    expect(a.ino).not.toBe(b.ino);
  });
});

// drivers/base/devtmpfs.c as the oracle's VM shows it (conformance/students/style-device-nodes)
describe("devtmpfs", () => {
  it("makes /dev/NAME with mode 0600, leaves a taken name alone, removes only its own node of that device", () => {
    const v = new Vfs();
    expect(v.devtmpfsCreate("slot0", 235, 0, new Date(0))).toBe(0);
    expect(v.lookup("/dev/slot0")).toMatchObject({ major: 235, minor: 0, mode: 0o20600 });
    expect(v.mknod("/dev/slot0", 235, 0, new Date(0))).toBe(-EEXIST);
    expect(v.mknod("/dev/slot1", 235, 1, new Date(0))).toBe(0);
    expect(v.devtmpfsCreate("slot1", 235, 1, new Date(0))).toBe(-EEXIST);
    expect(v.devtmpfsCreate("slots/2", 235, 2, new Date(0))).toBe(-EINVAL);
    // the wrong device, or a node user space made: not removed
    expect(v.devtmpfsDelete("slot0", 235, 7)).toBe(-ENOENT);
    expect(v.devtmpfsDelete("slot1", 235, 1)).toBe(-ENOENT);
    expect(v.lookup("/dev/slot1")).toBeDefined();
    expect(v.devtmpfsDelete("slot0", 235, 0)).toBe(0);
    expect(v.lookup("/dev/slot0")).toBeUndefined();
  });
});
