/*
 * kernel/host.h - every function the TypeScript kernel supplies to a module.
 *
 * This is the whole C -> host boundary (DESIGN.md section 4). The TypeScript
 * side of this list is src/kernel/imports.ts; keep the two in the same order.
 * All pointers are kernel addresses (offsets in the module's linear memory),
 * except the ones marked __user, which are user addresses of the calling
 * process (>= USER_BASE, or bad ones the host rejects).
 *
 * Allocation sites: kmalloc & co. are macros in <linux/slab.h> that pass
 * __FILE__, __LINE__ and __func__, so leak and corruption reports can name the
 * allocating line (string pointers are literals; the host caches them).
 */
#ifndef _KERNEL_HOST_H
#define _KERNEL_HOST_H

#define __host_import(name) __attribute__((import_module("kernel"), import_name(name)))

/* printk: the message is formatted in C; level 0-7, or -1 for KERN_CONT. */
__host_import("printk") void host_printk(int level, const char *msg, unsigned long len);

/* kmalloc heap (src/kernel/heap). flags are GFP bits (see <linux/slab.h>);
 * HOST_GFP_INTERNAL marks libkern's own objects (struct file, inode): they are
 * never reported as leaks of the module. Returns 0 when the allocation fails. */
#define HOST_GFP_INTERNAL 0x80000000u
__host_import("kmalloc") void *host_kmalloc(unsigned long size, unsigned int flags,
					    const char *file, int line, const char *func);
__host_import("krealloc") void *host_krealloc(const void *p, unsigned long size, unsigned int flags,
					      const char *file, int line, const char *func);
__host_import("kfree") void host_kfree(const void *p, const char *file, int line, const char *func);
__host_import("ksize") unsigned long host_ksize(const void *p);

/* uaccess (src/kernel/uaccess): copies between the current process's user
 * memory and kernel memory. Return the number of bytes NOT copied, like
 * Linux. copy_from_user zero-fills the uncopied tail of `to`. */
__host_import("copy_from_user") unsigned long host_copy_from_user(void *to, const void *from, unsigned long n);
__host_import("copy_to_user") unsigned long host_copy_to_user(void *to, const void *from, unsigned long n);
__host_import("clear_user") unsigned long host_clear_user(void *to, unsigned long n);
/* 1 if [addr, addr+n) lies below TASK_SIZE (Linux access_ok), else 0. */
__host_import("access_ok") int host_access_ok(const void *addr, unsigned long n);

/* Character devices (src/kernel/chrdev). major 0 asks for a dynamic major.
 * Return: the major (dynamic) or 0 on success, or -errno. */
__host_import("register_chrdev_region") int host_register_chrdev_region(unsigned int major, unsigned int baseminor,
									 unsigned int count, const char *name,
									 const void *fops);
__host_import("unregister_chrdev_region") void host_unregister_chrdev_region(unsigned int major, unsigned int baseminor,
									     unsigned int count);
/* cdev_add: attach fops to a region registered with fops == 0. -errno or 0. */
__host_import("cdev_add") int host_cdev_add(unsigned int dev, unsigned int count, const void *fops);
__host_import("cdev_del") void host_cdev_del(unsigned int dev, unsigned int count);

/* Bugs and warnings found in C (BUG_ON, WARN_ON, NULL dereference caught by
 * -fsanitize=null when a build uses it, lock imbalance, array index out of
 * bounds; a bad memory access goes to the "fault" import that the LP64
 * lowering adds, src/toolchain/lp64.ts). For the
 * HOST_BUG_* kinds below HOST_WARN_FIRST the host raises an oops and does not
 * return; warnings are logged and execution continues. */
#define HOST_BUG_BUG 1		/* BUG()/BUG_ON(): "kernel BUG at file:line!" */
#define HOST_BUG_NULL 2		/* NULL pointer dereference (value = address) */
#define HOST_BUG_BOUNDS 3	/* UBSAN array-index-out-of-bounds (value = index) */
#define HOST_BUG_SPIN_RECURSION 4 /* spin_lock on a lock this CPU holds */
#define HOST_BUG_DEADLOCK 5	/* mutex_lock on a mutex already held (single CPU) */
#define HOST_BUG_PANIC 6	/* panic() */
#define HOST_WARN_FIRST 16
#define HOST_WARN_WARN 16	/* WARN_ON(): "WARNING: CPU: 0 PID: n at file:line func" */
#define HOST_WARN_LOCK_HELD 17	/* returned to user space holding value locks */
#define HOST_WARN_UNLOCK 18	/* unlock of a lock that is not held */
__host_import("bug") void host_bug(int kind, const char *file, int line, const char *func, unsigned long value);

/* devtmpfs (drivers/base/devtmpfs.c): device_create() makes /dev/NAME, a char
 * node of dev (MKDEV(major, minor)) with mode 0600; device_destroy() removes it
 * if it is still that device's node. A name taken already is left alone. */
__host_import("devtmpfs_create") void host_devtmpfs_create(const char *name, unsigned int dev);
__host_import("devtmpfs_delete") void host_devtmpfs_delete(const char *name, unsigned int dev);

/* The current task: pid and comm (copied into buf, NUL-terminated). */
__host_import("current_pid") int host_current_pid(void);
__host_import("current_comm") void host_current_comm(char *buf, unsigned long size);
/* Monotonic time since boot in nanoseconds (jiffies, ktime_get). */
__host_import("clock_ns") unsigned long long host_clock_ns(void);

#endif
