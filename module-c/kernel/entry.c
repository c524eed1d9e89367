/*
 * entry.c - the functions the host calls (entry.h): allocating the VFS
 * objects a driver sees, and calling its file_operations the way the VFS
 * does. After each method returns, the lock balance is checked.
 */
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/module.h>
#include "entry.h"
#include "libkern.h"

unsigned int kern_fops_info(const struct file_operations *fops)
{
	unsigned int info = 0;

	if (!fops)
		return 0;
	if (fops->owner)
		info |= KERN_FOPS_OWNER;
	if (fops->read || fops->read_iter)
		info |= KERN_FOPS_READ;
	if (fops->write || fops->write_iter)
		info |= KERN_FOPS_WRITE;
	if (fops->unlocked_ioctl)
		info |= KERN_FOPS_IOCTL;
	if (fops->open)
		info |= KERN_FOPS_OPEN;
	if (fops->release)
		info |= KERN_FOPS_RELEASE;
	if (fops->fasync)
		info |= KERN_FOPS_FASYNC;
	return info;
}

/* init_special_inode(): a character device node. */
struct inode *kern_inode_alloc(unsigned int rdev, unsigned long ino, unsigned int mode)
{
	struct inode *inode = host_kmalloc(sizeof(*inode), GFP_KERNEL | __GFP_ZERO | HOST_GFP_INTERNAL,
					   "fs/inode.c", __LINE__, "alloc_inode");

	if (!inode)
		return NULL;
	inode->i_rdev = rdev;
	inode->i_ino = ino;
	inode->i_mode = mode;
	inode->i_nlink = 1;
	atomic_set(&inode->i_count, 1);
	INIT_LIST_HEAD(&inode->i_devices);
	return inode;
}

void kern_inode_free(struct inode *inode)
{
	host_kfree(inode, "fs/inode.c", __LINE__, "destroy_inode");
}

/* A struct file and the dentry its f_path names, in one allocation. */
struct file_and_dentry {
	struct file file;
	struct dentry dentry;
};

struct file *kern_file_alloc(struct inode *inode, unsigned int f_flags, unsigned int f_mode)
{
	struct file_and_dentry *fd = host_kmalloc(sizeof(*fd), GFP_KERNEL | __GFP_ZERO | HOST_GFP_INTERNAL,
						  "fs/file_table.c", __LINE__, "alloc_empty_file");
	struct file *file;

	if (!fd)
		return NULL;
	file = &fd->file;
	fd->dentry.d_inode = inode;
	fd->dentry.d_parent = &fd->dentry;
	fd->dentry.d_name.name = fd->dentry.d_iname;
	file->f_path.dentry = &fd->dentry;
	file->f_inode = inode;
	file->f_flags = f_flags;
	file->f_mode = f_mode;
	file->f_pos = 0;
	atomic_long_set(&file->f_count, 1);
	return file;
}

void kern_file_free(struct file *file)
{
	host_kfree(container_of(file, struct file_and_dentry, file), "fs/file_table.c", __LINE__, "__fput");
}

int kern_fop_open(const struct file_operations *fops, struct inode *inode, struct file *file)
{
	int depth = __kern_lock_depth();
	int ret = 0;

	/* chrdev_open(): i_cdev is the cdev_add()ed cdev for this number */
	inode->i_cdev = kern_cdev_lookup(inode->i_rdev);
	file->f_op = fops;
	if (fops && fops->open) {
		ret = fops->open(inode, file);
		__kern_lock_check(depth, "kern_fop_open");
	}
	return ret;
}

/* vfs_read(): -EINVAL without a .read method. A driver with only
 * .read_iter gets -EINVAL too (not supported here). */
long kern_fop_read(struct file *file, char __user *buf, unsigned long n)
{
	int depth = __kern_lock_depth();
	long ret;

	if (!file->f_op || !file->f_op->read)
		return -EINVAL;
	ret = file->f_op->read(file, buf, n, &file->f_pos);
	__kern_lock_check(depth, "kern_fop_read");
	return ret;
}

long kern_fop_write(struct file *file, const char __user *buf, unsigned long n)
{
	int depth = __kern_lock_depth();
	long ret;

	if (!file->f_op || !file->f_op->write)
		return -EINVAL;
	ret = file->f_op->write(file, buf, n, &file->f_pos);
	__kern_lock_check(depth, "kern_fop_write");
	return ret;
}

/* vfs_ioctl(): -ENOTTY without .unlocked_ioctl; -ENOIOCTLCMD means "not
 * mine" and becomes -ENOTTY too. */
long kern_fop_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	int depth = __kern_lock_depth();
	long ret;

	if (!file->f_op || !file->f_op->unlocked_ioctl)
		return -ENOTTY;
	ret = file->f_op->unlocked_ioctl(file, cmd, arg);
	__kern_lock_check(depth, "kern_fop_ioctl");
	if (ret == -ENOIOCTLCMD)
		ret = -ENOTTY;
	return ret;
}

/* __fput(): the result is ignored by the VFS, returned for the record. */
int kern_fop_release(struct inode *inode, struct file *file)
{
	int depth = __kern_lock_depth();
	int ret;

	if (!file->f_op || !file->f_op->release)
		return 0;
	ret = file->f_op->release(inode, file);
	__kern_lock_check(depth, "kern_fop_release");
	return ret;
}

unsigned long kern_file_private_data(struct file *file)
{
	return (unsigned long)file->private_data;
}
