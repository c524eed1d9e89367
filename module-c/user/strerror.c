/* strerror() with glibc's wording, linked into every user program as __wrap_strerror
 * (the toolchain adds -Wl,--wrap=strerror because this file defines it). wasi-libc's
 * perror(), strerror_r() and printf's %m call strerror(), so they print glibc's text too:
 * perror("write") with errno EMSGSIZE prints "write: Message too long", as on Linux.
 *
 * errno values inside a program are wasi-libc's (WASI numbering: EINVAL is 28, EMSGSIZE 35).
 * The kernel's Linux errnos are translated by the host (src/wasi/errno.ts):
 *   - a Linux errno that WASI has a number for arrives as that WASI number;
 *   - one WASI has no number for (ENOTBLK, ECHRNG, ENODATA, EUCLEAN, ERFKILL, ...) arrives
 *     as 1000 + the Linux errno (ERRNO_LINUX_BASE below).
 * Both are worded here exactly as glibc 2.36 words the Linux errno (strings taken from
 * glibc's strerror on x86-64). 0 is "Success"; anything else "Unknown error N", as glibc.
 *
 * ENOTCAPABLE (76) has no Linux counterpart. wasi-libc sets it when a path lies outside every
 * preopened directory, i.e. outside the emulated file system, where Linux would answer
 * ENOENT; so it is worded "No such file or directory". */
#include <errno.h>
#include <string.h>

#define ERRNO_LINUX_BASE 1000
#define LINUX_ERRNO_MAX 133

char *__wrap_strerror(int errnum);

/* glibc's message for each Linux (x86-64, asm-generic) errno. 41 and 58 are unused. */
static const char *const linux_text[LINUX_ERRNO_MAX + 1] = {
	[0] = "Success",
	[1] = "Operation not permitted", /* EPERM */
	[2] = "No such file or directory", /* ENOENT */
	[3] = "No such process", /* ESRCH */
	[4] = "Interrupted system call", /* EINTR */
	[5] = "Input/output error", /* EIO */
	[6] = "No such device or address", /* ENXIO */
	[7] = "Argument list too long", /* E2BIG */
	[8] = "Exec format error", /* ENOEXEC */
	[9] = "Bad file descriptor", /* EBADF */
	[10] = "No child processes", /* ECHILD */
	[11] = "Resource temporarily unavailable", /* EAGAIN */
	[12] = "Cannot allocate memory", /* ENOMEM */
	[13] = "Permission denied", /* EACCES */
	[14] = "Bad address", /* EFAULT */
	[15] = "Block device required", /* ENOTBLK */
	[16] = "Device or resource busy", /* EBUSY */
	[17] = "File exists", /* EEXIST */
	[18] = "Invalid cross-device link", /* EXDEV */
	[19] = "No such device", /* ENODEV */
	[20] = "Not a directory", /* ENOTDIR */
	[21] = "Is a directory", /* EISDIR */
	[22] = "Invalid argument", /* EINVAL */
	[23] = "Too many open files in system", /* ENFILE */
	[24] = "Too many open files", /* EMFILE */
	[25] = "Inappropriate ioctl for device", /* ENOTTY */
	[26] = "Text file busy", /* ETXTBSY */
	[27] = "File too large", /* EFBIG */
	[28] = "No space left on device", /* ENOSPC */
	[29] = "Illegal seek", /* ESPIPE */
	[30] = "Read-only file system", /* EROFS */
	[31] = "Too many links", /* EMLINK */
	[32] = "Broken pipe", /* EPIPE */
	[33] = "Numerical argument out of domain", /* EDOM */
	[34] = "Numerical result out of range", /* ERANGE */
	[35] = "Resource deadlock avoided", /* EDEADLK */
	[36] = "File name too long", /* ENAMETOOLONG */
	[37] = "No locks available", /* ENOLCK */
	[38] = "Function not implemented", /* ENOSYS */
	[39] = "Directory not empty", /* ENOTEMPTY */
	[40] = "Too many levels of symbolic links", /* ELOOP */
	[42] = "No message of desired type", /* ENOMSG */
	[43] = "Identifier removed", /* EIDRM */
	[44] = "Channel number out of range", /* ECHRNG */
	[45] = "Level 2 not synchronized", /* EL2NSYNC */
	[46] = "Level 3 halted", /* EL3HLT */
	[47] = "Level 3 reset", /* EL3RST */
	[48] = "Link number out of range", /* ELNRNG */
	[49] = "Protocol driver not attached", /* EUNATCH */
	[50] = "No CSI structure available", /* ENOCSI */
	[51] = "Level 2 halted", /* EL2HLT */
	[52] = "Invalid exchange", /* EBADE */
	[53] = "Invalid request descriptor", /* EBADR */
	[54] = "Exchange full", /* EXFULL */
	[55] = "No anode", /* ENOANO */
	[56] = "Invalid request code", /* EBADRQC */
	[57] = "Invalid slot", /* EBADSLT */
	[59] = "Bad font file format", /* EBFONT */
	[60] = "Device not a stream", /* ENOSTR */
	[61] = "No data available", /* ENODATA */
	[62] = "Timer expired", /* ETIME */
	[63] = "Out of streams resources", /* ENOSR */
	[64] = "Machine is not on the network", /* ENONET */
	[65] = "Package not installed", /* ENOPKG */
	[66] = "Object is remote", /* EREMOTE */
	[67] = "Link has been severed", /* ENOLINK */
	[68] = "Advertise error", /* EADV */
	[69] = "Srmount error", /* ESRMNT */
	[70] = "Communication error on send", /* ECOMM */
	[71] = "Protocol error", /* EPROTO */
	[72] = "Multihop attempted", /* EMULTIHOP */
	[73] = "RFS specific error", /* EDOTDOT */
	[74] = "Bad message", /* EBADMSG */
	[75] = "Value too large for defined data type", /* EOVERFLOW */
	[76] = "Name not unique on network", /* ENOTUNIQ */
	[77] = "File descriptor in bad state", /* EBADFD */
	[78] = "Remote address changed", /* EREMCHG */
	[79] = "Can not access a needed shared library", /* ELIBACC */
	[80] = "Accessing a corrupted shared library", /* ELIBBAD */
	[81] = ".lib section in a.out corrupted", /* ELIBSCN */
	[82] = "Attempting to link in too many shared libraries", /* ELIBMAX */
	[83] = "Cannot exec a shared library directly", /* ELIBEXEC */
	[84] = "Invalid or incomplete multibyte or wide character", /* EILSEQ */
	[85] = "Interrupted system call should be restarted", /* ERESTART */
	[86] = "Streams pipe error", /* ESTRPIPE */
	[87] = "Too many users", /* EUSERS */
	[88] = "Socket operation on non-socket", /* ENOTSOCK */
	[89] = "Destination address required", /* EDESTADDRREQ */
	[90] = "Message too long", /* EMSGSIZE */
	[91] = "Protocol wrong type for socket", /* EPROTOTYPE */
	[92] = "Protocol not available", /* ENOPROTOOPT */
	[93] = "Protocol not supported", /* EPROTONOSUPPORT */
	[94] = "Socket type not supported", /* ESOCKTNOSUPPORT */
	[95] = "Operation not supported", /* EOPNOTSUPP */
	[96] = "Protocol family not supported", /* EPFNOSUPPORT */
	[97] = "Address family not supported by protocol", /* EAFNOSUPPORT */
	[98] = "Address already in use", /* EADDRINUSE */
	[99] = "Cannot assign requested address", /* EADDRNOTAVAIL */
	[100] = "Network is down", /* ENETDOWN */
	[101] = "Network is unreachable", /* ENETUNREACH */
	[102] = "Network dropped connection on reset", /* ENETRESET */
	[103] = "Software caused connection abort", /* ECONNABORTED */
	[104] = "Connection reset by peer", /* ECONNRESET */
	[105] = "No buffer space available", /* ENOBUFS */
	[106] = "Transport endpoint is already connected", /* EISCONN */
	[107] = "Transport endpoint is not connected", /* ENOTCONN */
	[108] = "Cannot send after transport endpoint shutdown", /* ESHUTDOWN */
	[109] = "Too many references: cannot splice", /* ETOOMANYREFS */
	[110] = "Connection timed out", /* ETIMEDOUT */
	[111] = "Connection refused", /* ECONNREFUSED */
	[112] = "Host is down", /* EHOSTDOWN */
	[113] = "No route to host", /* EHOSTUNREACH */
	[114] = "Operation already in progress", /* EALREADY */
	[115] = "Operation now in progress", /* EINPROGRESS */
	[116] = "Stale file handle", /* ESTALE */
	[117] = "Structure needs cleaning", /* EUCLEAN */
	[118] = "Not a XENIX named type file", /* ENOTNAM */
	[119] = "No XENIX semaphores available", /* ENAVAIL */
	[120] = "Is a named type file", /* EISNAM */
	[121] = "Remote I/O error", /* EREMOTEIO */
	[122] = "Disk quota exceeded", /* EDQUOT */
	[123] = "No medium found", /* ENOMEDIUM */
	[124] = "Wrong medium type", /* EMEDIUMTYPE */
	[125] = "Operation canceled", /* ECANCELED */
	[126] = "Required key not available", /* ENOKEY */
	[127] = "Key has expired", /* EKEYEXPIRED */
	[128] = "Key has been revoked", /* EKEYREVOKED */
	[129] = "Key was rejected by service", /* EKEYREJECTED */
	[130] = "Owner died", /* EOWNERDEAD */
	[131] = "State not recoverable", /* ENOTRECOVERABLE */
	[132] = "Operation not possible due to RF-kill", /* ERFKILL */
	[133] = "Memory page has hardware error", /* EHWPOISON */
};

/* The Linux errno of each WASI errno. */
static const unsigned char wasi_to_linux[] = {
	[E2BIG] = 7,
	[EACCES] = 13,
	[EADDRINUSE] = 98,
	[EADDRNOTAVAIL] = 99,
	[EAFNOSUPPORT] = 97,
	[EAGAIN] = 11,
	[EALREADY] = 114,
	[EBADF] = 9,
	[EBADMSG] = 74,
	[EBUSY] = 16,
	[ECANCELED] = 125,
	[ECHILD] = 10,
	[ECONNABORTED] = 103,
	[ECONNREFUSED] = 111,
	[ECONNRESET] = 104,
	[EDEADLK] = 35,
	[EDESTADDRREQ] = 89,
	[EDOM] = 33,
	[EDQUOT] = 122,
	[EEXIST] = 17,
	[EFAULT] = 14,
	[EFBIG] = 27,
	[EHOSTUNREACH] = 113,
	[EIDRM] = 43,
	[EILSEQ] = 84,
	[EINPROGRESS] = 115,
	[EINTR] = 4,
	[EINVAL] = 22,
	[EIO] = 5,
	[EISCONN] = 106,
	[EISDIR] = 21,
	[ELOOP] = 40,
	[EMFILE] = 24,
	[EMLINK] = 31,
	[EMSGSIZE] = 90,
	[EMULTIHOP] = 72,
	[ENAMETOOLONG] = 36,
	[ENETDOWN] = 100,
	[ENETRESET] = 102,
	[ENETUNREACH] = 101,
	[ENFILE] = 23,
	[ENOBUFS] = 105,
	[ENODEV] = 19,
	[ENOENT] = 2,
	[ENOEXEC] = 8,
	[ENOLCK] = 37,
	[ENOLINK] = 67,
	[ENOMEM] = 12,
	[ENOMSG] = 42,
	[ENOPROTOOPT] = 92,
	[ENOSPC] = 28,
	[ENOSYS] = 38,
	[ENOTCONN] = 107,
	[ENOTDIR] = 20,
	[ENOTEMPTY] = 39,
	[ENOTRECOVERABLE] = 131,
	[ENOTSOCK] = 88,
	[ENOTSUP] = 95,
	[ENOTTY] = 25,
	[ENXIO] = 6,
	[EOVERFLOW] = 75,
	[EOWNERDEAD] = 130,
	[EPERM] = 1,
	[EPIPE] = 32,
	[EPROTO] = 71,
	[EPROTONOSUPPORT] = 93,
	[EPROTOTYPE] = 91,
	[ERANGE] = 34,
	[EROFS] = 30,
	[ESPIPE] = 29,
	[ESRCH] = 3,
	[ESTALE] = 116,
	[ETIMEDOUT] = 110,
	[ETXTBSY] = 26,
	[EXDEV] = 18,
	/* ENOTCAPABLE */
	[ENOTCAPABLE] = 2, /* ENOENT: see above */
};

/* "Unknown error N", built in a static buffer like glibc's. */
static char *unknown_error(int errnum)
{
	static char buf[sizeof "Unknown error -2147483648"];
	static const char prefix[] = "Unknown error ";
	char digits[12];
	unsigned int u = errnum < 0 ? 0u - (unsigned int)errnum : (unsigned int)errnum;
	int n = 0;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	char *p = buf;
	memcpy(p, prefix, sizeof prefix - 1);
	p += sizeof prefix - 1;
	if (errnum < 0)
		*p++ = '-';
	while (n)
		*p++ = digits[--n];
	*p = '\0';
	return buf;
}

char *__wrap_strerror(int errnum)
{
	int linux_errno = -1;
	if (errnum == 0)
		linux_errno = 0;
	else if (errnum > 0 && (unsigned int)errnum < sizeof wasi_to_linux)
		linux_errno = wasi_to_linux[errnum] ? wasi_to_linux[errnum] : -1;
	else if (errnum > ERRNO_LINUX_BASE && errnum <= ERRNO_LINUX_BASE + LINUX_ERRNO_MAX)
		linux_errno = errnum - ERRNO_LINUX_BASE;
	if (linux_errno >= 0 && linux_text[linux_errno])
		return (char *)linux_text[linux_errno];
	return unknown_error(errnum);
}
