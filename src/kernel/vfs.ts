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
  /** made by devtmpfs for a device_create(): only such a node does device_destroy() remove */
  devtmpfs?: boolean;
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
  mknod(path: string, major: number, minor: number, now: Date, mode = 0o644, devtmpfs = false): number {
    const p = Vfs.normalize(path);
    const slash = p.lastIndexOf("/");
    const dir = p.slice(0, slash) || "/";
    if (p === "/dev" || p === "/") return -EEXIST;
    if (dir !== "/dev") return this.isNode(dir) ? -ENOTDIR : -ENOENT;
    if (this.nodes.has(p)) return -EEXIST;
    if (major > 4095 || minor > MINORMASK || major < 0 || minor < 0) return -EINVAL;
    this.nodes.set(p, { path: p, name: p.slice(slash + 1), major, minor, ino: this.nextIno++, mode: S_IFCHR | mode, mtime: now, ...(devtmpfs ? { devtmpfs } : {}) });
    return 0;
  }

  /** devtmpfs_create_node (drivers/base/devtmpfs.c, handle_create): /dev/NAME, mode 0600; a
   *  name already taken stays as it is (-EEXIST, which device_add() ignores). Names with a
   *  directory part would need directories /dev does not have here: not made. */
  devtmpfsCreate(name: string, major: number, minor: number, now: Date): number {
    if (name === "" || name.includes("/")) return -EINVAL;
    return this.mknod(`/dev/${name}`, major, minor, now, 0o600, true);
  }

  /** devtmpfs_delete_node (handle_remove): only the node devtmpfs made for this device
   *  (dev_mynode), never one that user space made with mknod. */
  devtmpfsDelete(name: string, major: number, minor: number): number {
    const node = this.nodes.get(`/dev/${name}`);
    if (!node?.devtmpfs || node.major !== major || node.minor !== minor) return -ENOENT;
    return this.unlink(node.path);
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
