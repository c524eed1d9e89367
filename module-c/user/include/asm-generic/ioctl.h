/* <asm-generic/ioctl.h> for user programs - ioctl command numbers as Linux encodes them
 * (include/uapi/asm-generic/ioctl.h): from the top bit down dir(2) size(14) type(8) nr(8);
 * _IOC_NONE 0, _IOC_WRITE 1, _IOC_READ 2.
 *
 * The size field is sizeof() the type on x86-64 (LP64), where the module's Linux runs, not on
 * wasm32 (ILP32): long, unsigned long, every pointer, size_t and ssize_t count 8 bytes, so
 * _IOW(235, 0, unsigned long) is 0x4008eb00 as on Linux, and a program built here sends the
 * command the module expects. __typeof__ accepts a type or an expression, as glibc's
 * sizeof(size) does; __builtin_classify_type is 5 for a pointer (GCC's pointer_type_class).
 * Limit: a structure holding longs or pointers keeps its wasm32 size. */
#ifndef _ASM_GENERIC_IOCTL_H
#define _ASM_GENERIC_IOCTL_H

#define _IOC_NRBITS	8
#define _IOC_TYPEBITS	8
#ifndef _IOC_SIZEBITS
#define _IOC_SIZEBITS	14
#endif
#ifndef _IOC_DIRBITS
#define _IOC_DIRBITS	2
#endif

#define _IOC_NRMASK	((1 << _IOC_NRBITS) - 1)
#define _IOC_TYPEMASK	((1 << _IOC_TYPEBITS) - 1)
#define _IOC_SIZEMASK	((1 << _IOC_SIZEBITS) - 1)
#define _IOC_DIRMASK	((1 << _IOC_DIRBITS) - 1)

#define _IOC_NRSHIFT	0
#define _IOC_TYPESHIFT	(_IOC_NRSHIFT + _IOC_NRBITS)
#define _IOC_SIZESHIFT	(_IOC_TYPESHIFT + _IOC_TYPEBITS)
#define _IOC_DIRSHIFT	(_IOC_SIZESHIFT + _IOC_SIZEBITS)

#ifndef _IOC_NONE
#define _IOC_NONE	0U
#endif
#ifndef _IOC_WRITE
#define _IOC_WRITE	1U
#endif
#ifndef _IOC_READ
#define _IOC_READ	2U
#endif

#define _IOC(dir, type, nr, size) \
	(((dir) << _IOC_DIRSHIFT) | \
	 ((type) << _IOC_TYPESHIFT) | \
	 ((nr) << _IOC_NRSHIFT) | \
	 ((size) << _IOC_SIZESHIFT))

#define __MSGSLOT_LP64_SIZEOF(t) \
	(__builtin_classify_type(*(__typeof__(t) *)0) == 5 && sizeof(t) == sizeof(void *) ? 8U : \
	 _Generic(*(__typeof__(t) *)0, long: 8U, unsigned long: 8U, default: sizeof(t)))
#define _IOC_TYPECHECK(t) (__MSGSLOT_LP64_SIZEOF(t))

/* used to create numbers */
#define _IO(type, nr)			_IOC(_IOC_NONE, (type), (nr), 0)
#define _IOR(type, nr, size)		_IOC(_IOC_READ, (type), (nr), (_IOC_TYPECHECK(size)))
#define _IOW(type, nr, size)		_IOC(_IOC_WRITE, (type), (nr), (_IOC_TYPECHECK(size)))
#define _IOWR(type, nr, size)		_IOC(_IOC_READ | _IOC_WRITE, (type), (nr), (_IOC_TYPECHECK(size)))
#define _IOR_BAD(type, nr, size)	_IOC(_IOC_READ, (type), (nr), __MSGSLOT_LP64_SIZEOF(size))
#define _IOW_BAD(type, nr, size)	_IOC(_IOC_WRITE, (type), (nr), __MSGSLOT_LP64_SIZEOF(size))
#define _IOWR_BAD(type, nr, size)	_IOC(_IOC_READ | _IOC_WRITE, (type), (nr), __MSGSLOT_LP64_SIZEOF(size))

/* used to decode ioctl numbers */
#define _IOC_DIR(nr)		(((nr) >> _IOC_DIRSHIFT) & _IOC_DIRMASK)
#define _IOC_TYPE(nr)		(((nr) >> _IOC_TYPESHIFT) & _IOC_TYPEMASK)
#define _IOC_NR(nr)		(((nr) >> _IOC_NRSHIFT) & _IOC_NRMASK)
#define _IOC_SIZE(nr)		(((nr) >> _IOC_SIZESHIFT) & _IOC_SIZEMASK)

/* ...and for the drivers/sound files... */
#define IOC_IN		(_IOC_WRITE << _IOC_DIRSHIFT)
#define IOC_OUT		(_IOC_READ << _IOC_DIRSHIFT)
#define IOC_INOUT	((_IOC_WRITE | _IOC_READ) << _IOC_DIRSHIFT)
#define IOCSIZE_MASK	(_IOC_SIZEMASK << _IOC_SIZESHIFT)
#define IOCSIZE_SHIFT	(_IOC_SIZESHIFT)

#endif /* _ASM_GENERIC_IOCTL_H */
