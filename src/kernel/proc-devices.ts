// What /proc/devices lists before any module loads: the usual drivers of a
// small x86-64 machine. Their majors are taken, so a module asking for one
// gets EBUSY as it would on Linux.

/** [major, baseminor, count, name] */
export const BASE_CHAR_REGIONS: ReadonlyArray<readonly [number, number, number, string]> = [
  [1, 0, 256, "mem"],
  [4, 0, 1, "/dev/vc/0"],
  [4, 1, 63, "tty"],
  [4, 64, 32, "ttyS"],
  [5, 0, 1, "/dev/tty"],
  [5, 1, 1, "/dev/console"],
  [5, 2, 1, "/dev/ptmx"],
  [7, 0, 256, "vcs"],
  [10, 0, 256, "misc"],
  [13, 0, 256, "input"],
  [29, 0, 32, "fb"],
  [128, 0, 256, "ptm"],
  [136, 0, 256, "pts"],
];

export const BASE_BLOCK_DEVICES = "  7 loop\n  8 sd\n 11 sr\n259 blkext\n";
