/* <linux/types.h> - the kernel's basic types, with Linux's spellings. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

/* Linux force-includes compiler_types.h into every file; types.h is the
 * next best place: almost every header includes it first. */
#include <linux/compiler_types.h>
#include <asm/types.h>
#include <asm/bitsperlong.h>
#include <linux/posix_types.h>

#ifndef __ASSEMBLY__

/* __SIZE_TYPE__ is unsigned long on wasm64, as size_t is on x86-64 Linux. */
#ifndef _SIZE_T
#define _SIZE_T
typedef __SIZE_TYPE__ size_t;
#endif
typedef __kernel_ssize_t ssize_t;
#ifndef _PTRDIFF_T
#define _PTRDIFF_T
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif

typedef u32 __kernel_dev32_t;
typedef __kernel_dev_t dev_t;
typedef __kernel_ulong_t ino_t;
typedef __kernel_mode_t mode_t;
typedef unsigned short umode_t;
typedef u32 nlink_t;
typedef __kernel_off_t off_t;
typedef __kernel_pid_t pid_t;
typedef __kernel_daddr_t daddr_t;
typedef __kernel_key_t key_t;
typedef __kernel_suseconds_t suseconds_t;
typedef __kernel_timer_t timer_t;
typedef __kernel_clockid_t clockid_t;
typedef __kernel_mqd_t mqd_t;

/* <stdbool.h> defines bool as a macro; do not fight it if it came first. */
#ifndef bool
typedef _Bool bool;
#endif

typedef __kernel_uid32_t uid_t;
typedef __kernel_gid32_t gid_t;
typedef __kernel_uid16_t uid16_t;
typedef __kernel_gid16_t gid16_t;

typedef unsigned long uintptr_t;
typedef __kernel_loff_t loff_t;
typedef __kernel_clock_t clock_t;
typedef __kernel_caddr_t caddr_t;
typedef s64 time64_t;
typedef u64 timeu64_t;

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned char unchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;

typedef u8 u_int8_t;
typedef s8 int8_t;
typedef u16 u_int16_t;
typedef s16 int16_t;
typedef u32 u_int32_t;
typedef s32 int32_t;
typedef u8 uint8_t;
typedef u16 uint16_t;
typedef u32 uint32_t;
typedef u64 uint64_t;
typedef u64 u_int64_t;
typedef s64 int64_t;

typedef u64 sector_t;
typedef u64 blkcnt_t;

typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;

typedef unsigned int gfp_t;
typedef unsigned int slab_flags_t;
typedef unsigned int fmode_t;
typedef u64 phys_addr_t; /* CONFIG_PHYS_ADDR_T_64BIT */
typedef phys_addr_t resource_size_t;
typedef u64 dma_addr_t; /* CONFIG_ARCH_DMA_ADDR_T_64BIT */
typedef unsigned long irq_hw_number_t;
typedef unsigned int __poll_t;

typedef struct {
	int counter;
} atomic_t;
#define ATOMIC_INIT(i) { (i) }

typedef struct {
	s64 counter;
} atomic64_t;

typedef atomic64_t atomic_long_t; /* 64-bit longs */

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((__aligned__(sizeof(void *))));
#define rcu_head callback_head

#define DECLARE_BITMAP(name, bits) unsigned long name[((bits) + BITS_PER_LONG - 1) / BITS_PER_LONG]

#endif /* __ASSEMBLY__ */

#include <linux/stddef.h>

#endif
