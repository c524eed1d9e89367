// The file system of the emulated machine: /dev with device nodes, nothing
// else (DESIGN.md section 5). Paths outside /dev do not exist (ENOENT).

import { EEXIST, EINVAL, ENOENT, ENOTDIR } from "./errno.js";
import { S_IFCHR } from "./constants.js";

export interface DeviceNode {
  path: string;
  name: string;
  major: number;
  minor: number;
  ino: number;
  mode: number;
  mtime: Date;
}

export const MINORMASK = (1 << 20) - 1;

export class Vfs {
  private readonly nodes = new Map<string, DeviceNode>();
  private nextIno = 100;

  /** Normalize a path: absolute, no duplicate slashes, "." and ".." resolved. */
  static normalize(path: string): string {
    const parts: string[] = [];
    for (const p of path.split("/")) {
      if (p === "" || p === ".") continue;
      if (p === "..") parts.pop();
      else parts.push(p);
    }
    return "/" + parts.join("/");
  }

  /** mknod PATH c MAJOR MINOR: 0 or -errno. Only /dev/<name> can be made. */
  mknod(path: string, major: number, minor: number, now: Date): number {
    const p = Vfs.normalize(path);
    const slash = p.lastIndexOf("/");
    const dir = p.slice(0, slash) || "/";
    if (p === "/dev" || p === "/") return -EEXIST;
    if (dir !== "/dev") return this.isNode(dir) ? -ENOTDIR : -ENOENT;
    if (this.nodes.has(p)) return -EEXIST;
    if (major > 4095 || minor > MINORMASK || major < 0 || minor < 0) return -EINVAL;
    this.nodes.set(p, { path: p, name: p.slice(slash + 1), major, minor, ino: this.nextIno++, mode: S_IFCHR | 0o644, mtime: now });
    return 0;
  }

  unlink(path: string): number {
    const p = Vfs.normalize(path);
    return this.nodes.delete(p) ? 0 : -ENOENT;
  }

  /** Why a path that lookup() misses does not resolve: ENOTDIR through a node, else ENOENT. */
  missError(path: string): number {
    const parts = Vfs.normalize(path).split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      if (this.nodes.has("/" + parts.slice(0, i).join("/"))) return -ENOTDIR;
    }
    return -ENOENT;
  }

  lookup(path: string): DeviceNode | undefined {
    return this.nodes.get(Vfs.normalize(path));
  }

  isDir(path: string): boolean {
    const p = Vfs.normalize(path);
    return p === "/" || p === "/dev";
  }

  private isNode(path: string): boolean {
    return this.nodes.has(path);
  }

  list(): DeviceNode[] {
    return [...this.nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
