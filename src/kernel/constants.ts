// The address-space contract of DESIGN.md section 3: one number is one address.

/** Kernel memory is the module's linear memory, [0, KERNEL_END). */
export const KERNEL_END = 0x2000_0000;
/** A process's memory is mapped from USER_BASE up to its current size. */
export const USER_BASE = 0x2000_0000;
/** User addresses end here; at and above it access_ok fails (EFAULT). */
export const TASK_SIZE = 0xc000_0000;
/** The largest read/write count, as Linux's MAX_RW_COUNT (INT_MAX & PAGE_MASK). */
export const MAX_RW_COUNT = 0x7fff_f000;
export const PAGE_SIZE = 4096;

/** FMODE_* bits of struct file's f_mode (include/linux/fs.h). */
export const FMODE_READ = 0x1;
export const FMODE_WRITE = 0x2;

/** open(2) flags, Linux x86-64 values. */
export const O_ACCMODE = 3;
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_NONBLOCK = 0o4000;
export const O_CLOEXEC = 0o2000000;
export const FASYNC = 0o20000;

/** S_IFCHR | 0600, the mode of a device node made by `mknod c`. */
export const S_IFCHR = 0o020000;
