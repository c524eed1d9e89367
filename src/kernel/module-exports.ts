// The typed view of what a module exports (module-c/kernel/entry.h and
// <linux/module.h>): libkern's entry points, the module's init and exit, and
// the linker's __heap_base / __stack_pointer.

export interface ModuleExports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  __stack_pointer: WebAssembly.Global;
  init_module?: () => number;
  cleanup_module?: () => void;
  kern_fops_info(fops: number): number;
  kern_inode_alloc(rdev: number, ino: number, mode: number): number;
  kern_inode_free(inode: number): void;
  kern_file_alloc(inode: number, flags: number, fmode: number): number;
  kern_file_free(file: number): void;
  kern_fop_open(fops: number, inode: number, file: number): number;
  kern_fop_read(file: number, buf: number, n: number): number;
  kern_fop_write(file: number, buf: number, n: number): number;
  /** arg is the LP64 module's unsigned long: a BigInt (lp64.ts WIDE_EXPORTS) */
  kern_fop_ioctl(file: number, cmd: number, arg: bigint): number;
  /** kern_fop_ioctl with arg zero-extended from 32 bits (lp64.ts: a lowered module has it) */
  kern_fop_ioctl_u32?: (file: number, cmd: number, arg: number) => number;
  kern_fop_release(inode: number, file: number): number;
  kern_file_private_data(file: number): number;
  /** the module's MSG_SLOT_CHANNEL, when the build added the header probe */
  msgslot_probe_msg_slot_channel?: () => number;
  /** a lowered LP64 module: the address of the range of heap bytes it wrote (src/toolchain/lp64.ts WRITE_RANGE) */
  __msgslot_write_range?: WebAssembly.Global;
  /** a lowered LP64 module: the end of kernel memory its accesses are checked against (kernel-memory.ts) */
  __msgslot_kernel_end?: WebAssembly.Global;
}

/** kern_fops_info bits (entry.h KERN_FOPS_*) */
export const FOPS_OWNER = 0x001, FOPS_READ = 0x002, FOPS_WRITE = 0x004, FOPS_IOCTL = 0x008,
  FOPS_OPEN = 0x010, FOPS_RELEASE = 0x020, FOPS_FASYNC = 0x040;

const REQUIRED = [
  "memory", "__heap_base", "__stack_pointer", "kern_fops_info", "kern_inode_alloc", "kern_inode_free",
  "kern_file_alloc", "kern_file_free", "kern_fop_open", "kern_fop_read", "kern_fop_write", "kern_fop_ioctl",
  "kern_fop_release", "kern_file_private_data",
] as const;

/** The names a wasm file lacks to be a module of ours (empty when it is one). */
export function missingExports(module: WebAssembly.Module): string[] {
  const have = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  return REQUIRED.filter((n) => !have.has(n));
}

/** Exports of ours that are the wrong kind of thing ("memory is not a memory"): empty when none is. */
export function wrongKindExports(module: WebAssembly.Module): string[] {
  const want = (name: string): WebAssembly.ImportExportKind =>
    name === "memory" ? "memory" : name === "__heap_base" || name === "__stack_pointer" ? "global" : "function";
  const ours = new Set<string>([...REQUIRED, "init_module", "cleanup_module"]);
  return WebAssembly.Module.exports(module)
    .filter((e) => ours.has(e.name) && e.kind !== want(e.name))
    .map((e) => `${e.name} is not a ${want(e.name)}`);
}
