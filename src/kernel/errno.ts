// Linux x86-64 errno values and their names, as the scenario runner prints them.

export const EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8,
  EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17,
  ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25,
  ENOSPC = 28, ESPIPE = 29, EPIPE = 32, ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36, ENOSYS = 38,
  EMSGSIZE = 90, EOPNOTSUPP = 95, ETIMEDOUT = 110;
/** Kernel-internal codes that never reach user space as such. */
export const ERESTARTSYS = 512, ENOIOCTLCMD = 515, ERESTART_RESTARTBLOCK = 516;
export const EWOULDBLOCK = EAGAIN;

// Indexed by errno; aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) print as the canonical name.
const NAMES: readonly string[] = (
  " EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN ENOMEM EACCES EFAULT ENOTBLK" +
  " EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY ETXTBSY EFBIG ENOSPC ESPIPE" +
  " EROFS EMLINK EPIPE EDOM ERANGE EDEADLK ENAMETOOLONG ENOLCK ENOSYS ENOTEMPTY ELOOP - ENOMSG EIDRM" +
  " ECHRNG EL2NSYNC EL3HLT EL3RST ELNRNG EUNATCH ENOCSI EL2HLT EBADE EBADR EXFULL ENOANO EBADRQC EBADSLT" +
  " - EBFONT ENOSTR ENODATA ETIME ENOSR ENONET ENOPKG EREMOTE ENOLINK EADV ESRMNT ECOMM EPROTO EMULTIHOP" +
  " EDOTDOT EBADMSG EOVERFLOW ENOTUNIQ EBADFD EREMCHG ELIBACC ELIBBAD ELIBSCN ELIBMAX ELIBEXEC EILSEQ" +
  " ERESTART ESTRPIPE EUSERS ENOTSOCK EDESTADDRREQ EMSGSIZE EPROTOTYPE ENOPROTOOPT EPROTONOSUPPORT" +
  " ESOCKTNOSUPPORT EOPNOTSUPP EPFNOSUPPORT EAFNOSUPPORT EADDRINUSE EADDRNOTAVAIL ENETDOWN ENETUNREACH" +
  " ENETRESET ECONNABORTED ECONNRESET ENOBUFS EISCONN ENOTCONN ESHUTDOWN ETOOMANYREFS ETIMEDOUT" +
  " ECONNREFUSED EHOSTDOWN EHOSTUNREACH EALREADY EINPROGRESS ESTALE EUCLEAN ENOTNAM ENAVAIL EISNAM" +
  " EREMOTEIO EDQUOT ENOMEDIUM EMEDIUMTYPE ECANCELED ENOKEY EKEYEXPIRED EKEYREVOKED EKEYREJECTED" +
  " EOWNERDEAD ENOTRECOVERABLE ERFKILL EHWPOISON"
).split(" ");

/** The name scnrun prints for an errno: EAGAIN for 11, E<n> for unknown values. */
export function errnoName(errno: number): string {
  const name = errno > 0 && errno < NAMES.length ? NAMES[errno] : undefined;
  return name && name !== "-" ? name : `E${errno}`;
}

/** glibc's strerror wording for the errnos a shell command can report. */
const MESSAGES: Record<number, string> = {
  [EPERM]: "Operation not permitted", [ENOENT]: "No such file or directory", [ESRCH]: "No such process",
  [EINTR]: "Interrupted system call", [EIO]: "Input/output error", [E2BIG]: "Argument list too long", [ENXIO]: "No such device or address",
  [ENOEXEC]: "Exec format error", [EBADF]: "Bad file descriptor", [EAGAIN]: "Resource temporarily unavailable",
  [ENOMEM]: "Cannot allocate memory", [EACCES]: "Permission denied", [EFAULT]: "Bad address",
  [EBUSY]: "Device or resource busy", [EEXIST]: "File exists", [ENODEV]: "No such device",
  [ENOTDIR]: "Not a directory", [EISDIR]: "Is a directory", [EINVAL]: "Invalid argument",
  [EMFILE]: "Too many open files", [ENOTTY]: "Inappropriate ioctl for device", [ENOSPC]: "No space left on device",
  [EPIPE]: "Broken pipe", [ERANGE]: "Numerical result out of range", [ENOSYS]: "Function not implemented",
  [EMSGSIZE]: "Message too long", [EOPNOTSUPP]: "Operation not supported", [ETIMEDOUT]: "Connection timed out",
};

export function strerror(errno: number): string {
  return MESSAGES[errno] ?? `Unknown error ${errno}`;
}
