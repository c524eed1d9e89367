/* <linux/fs.h> - files, inodes and file_operations, with Linux 6.1's member
 * names. Structures are allocated by libkern (kernel/entry.c) when the host
 * opens a device node; the host never sees their layout (DESIGN.md section 4). */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/kdev_t.h>
#include <linux/stat.h>
#include <linux/fcntl.h>
#include <linux/uidgid.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/uio.h>
#include <linux/ktime.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/radix-tree.h>
#include <asm/ioctls.h>
#include <asm/page.h>
/* also reached from Linux 6.1's <linux/fs.h> (checked with Kbuild): THIS_MODULE, rb_* */
#include <linux/export.h>
#include <linux/rbtree.h>

struct module;
struct cdev;
struct super_block;
struct vfsmount;
struct vm_area_struct;
struct poll_table_struct;
struct file_lock;
struct pipe_inode_info;
struct seq_file;
struct dir_context;
struct io_comp_batch;
struct io_uring_cmd;
struct page;
struct inode_operations;
struct address_space;

/* f_mode bits (include/linux/fs.h, 6.1). */
#define FMODE_READ ((fmode_t)0x1)
#define FMODE_WRITE ((fmode_t)0x2)
#define FMODE_LSEEK ((fmode_t)0x4)
#define FMODE_PREAD ((fmode_t)0x8)
#define FMODE_PWRITE ((fmode_t)0x10)
#define FMODE_EXEC ((fmode_t)0x20)
#define FMODE_NDELAY ((fmode_t)0x40)
#define FMODE_EXCL ((fmode_t)0x80)
#define FMODE_WRITE_IOCTL ((fmode_t)0x100)
#define FMODE_32BITHASH ((fmode_t)0x200)
#define FMODE_64BITHASH ((fmode_t)0x400)
#define FMODE_NOCMTIME ((fmode_t)0x800)
#define FMODE_RANDOM ((fmode_t)0x1000)
#define FMODE_UNSIGNED_OFFSET ((fmode_t)0x2000)
#define FMODE_PATH ((fmode_t)0x4000)
#define FMODE_ATOMIC_POS ((fmode_t)0x8000)
#define FMODE_WRITER ((fmode_t)0x10000)
#define FMODE_CAN_READ ((fmode_t)0x20000)
#define FMODE_CAN_WRITE ((fmode_t)0x40000)
#define FMODE_OPENED ((fmode_t)0x80000)
#define FMODE_CREATED ((fmode_t)0x100000)
#define FMODE_STREAM ((fmode_t)0x200000)
#define FMODE_NOWAIT ((fmode_t)0x8000000)
#define FMODE_NEED_UNMOUNT ((fmode_t)0x10000000)
#define FMODE_NOACCOUNT ((fmode_t)0x20000000)
#define FMODE_BUF_RASYNC ((fmode_t)0x40000000)
#define FMODE_BUF_WASYNC ((fmode_t)0x80000000)

#define MAY_EXEC 0x00000001
#define MAY_WRITE 0x00000002
#define MAY_READ 0x00000004
#define MAY_APPEND 0x00000008

/* lseek whence */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define SEEK_MAX SEEK_HOLE

/* read/write clamp their count to this (rw_verify_area). */
#define MAX_RW_COUNT (INT_MAX & PAGE_MASK)
#define MAX_LFS_FILESIZE ((loff_t)LLONG_MAX)

#define CHRDEV_MAJOR_MAX 512
#define CHRDEV_MAJOR_DYN_END 234
#define CHRDEV_MAJOR_DYN_EXT_START 511
#define CHRDEV_MAJOR_DYN_EXT_END 384

typedef void *fl_owner_t;

struct qstr {
	u32 hash;
	u32 len;
	const unsigned char *name;
};
#define QSTR_INIT(n, l) { .hash = 0, .len = l, .name = n }

struct dentry {
	unsigned int d_flags;
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	unsigned char d_iname[32];
	struct super_block *d_sb;
	void *d_fsdata;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct inode {
	umode_t i_mode;
	unsigned short i_opflags;
	kuid_t i_uid;
	kgid_t i_gid;
	unsigned int i_flags;
	const struct inode_operations *i_op;
	struct super_block *i_sb;
	struct address_space *i_mapping;
	unsigned long i_ino;
	unsigned int i_nlink;
	dev_t i_rdev;
	loff_t i_size;
	struct timespec64 i_atime;
	struct timespec64 i_mtime;
	struct timespec64 i_ctime;
	spinlock_t i_lock;
	unsigned short i_bytes;
	u8 i_blkbits;
	blkcnt_t i_blocks;
	unsigned long i_state;
	atomic_t i_count;
	atomic_t i_writecount;
	const struct file_operations *i_fop;
	struct list_head i_devices;
	struct cdev *i_cdev;	/* <linux/cdev.h>: Linux's <linux/fs.h> does not include it */
	u32 i_generation;
	void *i_private;
} __randomize_layout;

struct fown_struct {
	int pid;
	kuid_t uid, euid;
	int signum;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	spinlock_t f_lock;
	atomic_long_t f_count;
	unsigned int f_flags;
	fmode_t f_mode;
	struct mutex f_pos_lock;
	loff_t f_pos;
	struct fown_struct f_owner;
	const struct cred *f_cred;
	u64 f_version;
	void *private_data;
	struct address_space *f_mapping;
} __randomize_layout;

struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	void (*ki_complete)(struct kiocb *iocb, long ret);
	void *private;
	int ki_flags;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	int (*iopoll)(struct kiocb *kiocb, struct io_comp_batch *, unsigned int flags);
	int (*iterate)(struct file *, struct dir_context *);
	int (*iterate_shared)(struct file *, struct dir_context *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	unsigned long mmap_supported_flags;
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, fl_owner_t id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
	int (*fasync)(int, struct file *, int);
	int (*lock)(struct file *, int, struct file_lock *);
	ssize_t (*sendpage)(struct file *, struct page *, int, size_t, loff_t *, int);
	unsigned long (*get_unmapped_area)(struct file *, unsigned long, unsigned long, unsigned long,
					   unsigned long);
	int (*check_flags)(int);
	int (*flock)(struct file *, int, struct file_lock *);
	ssize_t (*splice_write)(struct pipe_inode_info *, struct file *, loff_t *, size_t, unsigned int);
	ssize_t (*splice_read)(struct file *, loff_t *, struct pipe_inode_info *, size_t, unsigned int);
	int (*setlease)(struct file *, long, struct file_lock **, void **);
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	ssize_t (*copy_file_range)(struct file *, loff_t, struct file *, loff_t, size_t, unsigned int);
	loff_t (*remap_file_range)(struct file *file_in, loff_t pos_in, struct file *file_out, loff_t pos_out,
				   loff_t len, unsigned int remap_flags);
	int (*fadvise)(struct file *, loff_t, loff_t, int);
	int (*uring_cmd)(struct io_uring_cmd *ioucmd, unsigned int issue_flags);
	int (*uring_cmd_iopoll)(struct io_uring_cmd *, struct io_comp_batch *, unsigned int poll_flags);
} __randomize_layout;

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}
static inline struct dentry *file_dentry(const struct file *file)
{
	return file->f_path.dentry;
}
static inline unsigned iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}
static inline unsigned imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}
static inline loff_t i_size_read(const struct inode *inode)
{
	return inode->i_size;
}
static inline void i_size_write(struct inode *inode, loff_t i_size)
{
	inode->i_size = i_size;
}

/* Character device numbers (fs/char_dev.c). register_chrdev() claims minors
 * 0-255 of major (0: a free major, which is returned) with fops. */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name,
		      const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name);
int register_chrdev_region(dev_t from, unsigned count, const char *name);
int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name);
void unregister_chrdev_region(dev_t from, unsigned count);

static inline int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}
static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

/* Ready-made file methods (fs/read_write.c, fs/libfs.c). */
loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
loff_t no_seek_end_llseek(struct file *file, loff_t offset, int whence);
int nonseekable_open(struct inode *inode, struct file *filp);
int stream_open(struct inode *inode, struct file *filp);
int simple_open(struct inode *inode, struct file *file);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
				size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from,
			       size_t count);
int generic_file_open(struct inode *inode, struct file *filp);

#define fops_get(fops) (fops)
#define fops_put(fops) do { (void)(fops); } while (0)
#define get_file(f) (f)

/* What Linux 6.1's <linux/fs.h> brings in on x86-64 (gcc -H), so that a
 * module that uses these without including them builds as it does there. */
#include <asm/atomic.h>
#include <asm/current.h>
#include <asm/segment.h>
#include <asm/uaccess.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/cache.h>
#include <linux/cleanup.h>
#include <linux/completion.h>
#include <linux/dcache.h>
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mm_types.h>
#include <linux/mount.h>
#include <linux/path.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/random.h>
#include <linux/rbtree.h>
#include <linux/rbtree_types.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/rwlock.h>
#include <linux/rwsem.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/types.h>
#include <linux/semaphore.h>
#include <linux/signal.h>
#include <linux/smp.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#endif
