// Linux errno -> the errno a WASI program sees. wasi-libc uses WASI's
// numbering; a Linux errno that WASI has no number for reaches the program as
// 1000 + the Linux value, which module-c/user/strerror.c words like glibc.

const LINUX_TO_WASI: Record<number, number> = {
  1: 63, // EPERM
  2: 44, // ENOENT
  3: 71, // ESRCH
  4: 27, // EINTR
  5: 29, // EIO
  6: 60, // ENXIO
  7: 1, // E2BIG
  8: 45, // ENOEXEC
  9: 8, // EBADF
  10: 12, // ECHILD
  11: 6, // EAGAIN
  12: 48, // ENOMEM
  13: 2, // EACCES
  14: 21, // EFAULT
  16: 10, // EBUSY
  17: 20, // EEXIST
  18: 75, // EXDEV
  19: 43, // ENODEV
  20: 54, // ENOTDIR
  21: 31, // EISDIR
  22: 28, // EINVAL
  23: 41, // ENFILE
  24: 33, // EMFILE
  25: 59, // ENOTTY
  26: 74, // ETXTBSY
  27: 22, // EFBIG
  28: 51, // ENOSPC
  29: 70, // ESPIPE
  30: 69, // EROFS
  31: 34, // EMLINK
  32: 64, // EPIPE
  33: 18, // EDOM
  34: 68, // ERANGE
  35: 16, // EDEADLK
  36: 37, // ENAMETOOLONG
  37: 46, // ENOLCK
  38: 52, // ENOSYS
  39: 55, // ENOTEMPTY
  40: 32, // ELOOP
  42: 49, // ENOMSG
  43: 24, // EIDRM
  67: 47, // ENOLINK
  71: 65, // EPROTO
  72: 36, // EMULTIHOP
  74: 9, // EBADMSG
  75: 61, // EOVERFLOW
  84: 25, // EILSEQ
  88: 57, // ENOTSOCK
  89: 17, // EDESTADDRREQ
  90: 35, // EMSGSIZE
  91: 67, // EPROTOTYPE
  92: 50, // ENOPROTOOPT
  93: 66, // EPROTONOSUPPORT
  95: 58, // EOPNOTSUPP
  97: 5, // EAFNOSUPPORT
  98: 3, // EADDRINUSE
  99: 4, // EADDRNOTAVAIL
  100: 38, // ENETDOWN
  101: 40, // ENETUNREACH
  102: 39, // ENETRESET
  103: 13, // ECONNABORTED
  104: 15, // ECONNRESET
  105: 42, // ENOBUFS
  106: 30, // EISCONN
  107: 53, // ENOTCONN
  110: 73, // ETIMEDOUT
  111: 14, // ECONNREFUSED
  113: 23, // EHOSTUNREACH
  114: 7, // EALREADY
  115: 26, // EINPROGRESS
  116: 72, // ESTALE
  122: 19, // EDQUOT
  125: 11, // ECANCELED
  130: 62, // EOWNERDEAD
  131: 56, // ENOTRECOVERABLE
};

export const WASI_ERRNO_EXTENSION_BASE = 1000;

export function linuxToWasi(errno: number): number {
  return LINUX_TO_WASI[errno] ?? WASI_ERRNO_EXTENSION_BASE + errno;
}
