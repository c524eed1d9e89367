/* <linux/module.h> - module identity and entry points.
 *
 * The host runs a module through two wasm exports, as insmod/rmmod do
 * through the syscalls: init_module() and cleanup_module(). module_init(fn)
 * and module_exit(fn) define them (calling fn, then checking that no lock is
 * still held); an old-style module that defines init_module() and
 * cleanup_module() itself gets them exported by the declarations below.
 * A module without cleanup_module cannot be unloaded, as on Linux.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/stat.h>
#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/kmod.h>
/* Linux 6.1's <linux/module.h> reaches <linux/string.h>, <linux/mutex.h>, <linux/spinlock.h>,
 * <linux/rbtree.h> and `current` (memset, mutex_lock, spin_lock, rb_*, current->pid without an
 * include; checked with Kbuild) */
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rbtree.h>
#include <asm/current.h>

#define MODULE_NAME_LEN 56

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];
};

/* Defined by libkern (kernel/module.c), named KBUILD_MODNAME. */
extern struct module __this_module;
#define THIS_MODULE (&__this_module)

__attribute__((__export_name__("init_module"))) int init_module(void);
__attribute__((__export_name__("cleanup_module"))) void cleanup_module(void);

/* The lock-balance check run after each call into the driver (kernel/lock.c). */
int __kern_lock_depth(void);
void __kern_lock_check(int depth_before, const char *where);

/* Each ends in a declaration so that the `;` after module_init(fn) is one. */
#define module_init(initfn)                                                     \
	static inline initcall_t __maybe_unused __inittest(void)                \
	{                                                                       \
		return initfn;                                                  \
	}                                                                       \
	int init_module(void)                                                   \
	{                                                                       \
		int __depth = __kern_lock_depth();                              \
		int __ret = initfn();                                           \
		__kern_lock_check(__depth, "init_module");                      \
		return __ret;                                                   \
	}                                                                       \
	extern int init_module(void)

#define module_exit(exitfn)                                                     \
	static inline exitcall_t __maybe_unused __exittest(void)                \
	{                                                                       \
		return exitfn;                                                  \
	}                                                                       \
	void cleanup_module(void)                                               \
	{                                                                       \
		int __depth = __kern_lock_depth();                              \
		exitfn();                                                       \
		__kern_lock_check(__depth, "cleanup_module");                   \
	}                                                                       \
	extern void cleanup_module(void)

#define __initcall(fn) module_init(fn)
#define late_initcall(fn) module_init(fn)
#define device_initcall(fn) module_init(fn)
#define subsys_initcall(fn) module_init(fn)
#define fs_initcall(fn) module_init(fn)
#define arch_initcall(fn) module_init(fn)
#define core_initcall(fn) module_init(fn)

/*
 * The license goes into a wasm custom section "modinfo" as "license=...\0"
 * (like Linux's .modinfo), so the host can see it: a module without a GPL
 * license taints the kernel. Other tags only have to compile: a static
 * assertion checks the argument is a string literal and emits nothing.
 */
#define MODULE_LICENSE(_license) \
	__asm__(".section .custom_section.modinfo,\"\",@\n\t.asciz \"license=" _license "\"\n\t.text")
#define MODULE_INFO(tag, info) _Static_assert(1, info)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware) MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns) _Static_assert(1, #ns)
#define MODULE_DEVICE_TABLE(type, name) _Static_assert(sizeof(name) != 0, #type)
#define MODULE_ALIAS_CHARDEV(major, minor) MODULE_ALIAS("char-major-" __stringify(major) "-" __stringify(minor))
#define MODULE_ALIAS_CHARDEV_MAJOR(major) MODULE_ALIAS("char-major-" __stringify(major) "-*")
#define MODULE_ALIAS_MISCDEV(minor) MODULE_ALIAS("char-major-10-" __stringify(minor))

/* A module cannot go away under a caller: the host pins it while files
 * with .owner == THIS_MODULE are open. */
static inline bool try_module_get(struct module *module)
{
	(void)module;
	return true;
}
static inline void module_put(struct module *module)
{
	(void)module;
}
static inline void __module_get(struct module *module)
{
	(void)module;
}
#define module_name(mod) ((mod) ? (mod)->name : "kernel")
#define module_is_live(mod) ((mod)->state != MODULE_STATE_GOING)

/* What Linux 6.1's <linux/module.h> brings in on x86-64 (gcc -H), so that a
 * module that uses these without including them builds as it does there. */
#include <asm/atomic.h>
#include <asm/current.h>
#include <asm/page.h>
#include <asm/segment.h>
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/bottom_half.h>
#include <linux/cache.h>
#include <linux/cleanup.h>
#include <linux/completion.h>
#include <linux/fortify-string.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kobject.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/preempt.h>
#include <linux/radix-tree.h>
#include <linux/random.h>
#include <linux/rbtree.h>
#include <linux/rbtree_types.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/rwlock.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/types.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/spinlock_types.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#endif
