/*
 * kernel/entry.h - the functions libkern exports to the host (DESIGN.md
 * section 4). The host never hard-codes a struct offset: it asks these.
 * The TypeScript side is src/kernel/module-exports.ts.
 *
 * Return values are Linux's: 0 or a count on success, -errno on failure.
 */
#ifndef _KERNEL_ENTRY_H
#define _KERNEL_ENTRY_H

#include <linux/fs.h>

#define __kern_export(name) __attribute__((export_name(name)))

/* Bits of kern_fops_info(): which methods a file_operations has. */
#define KERN_FOPS_OWNER 0x001	/* .owner != NULL (opening pins the module) */
#define KERN_FOPS_READ 0x002	/* .read or .read_iter: FMODE_CAN_READ */
#define KERN_FOPS_WRITE 0x004	/* .write or .write_iter: FMODE_CAN_WRITE */
#define KERN_FOPS_IOCTL 0x008	/* .unlocked_ioctl */
#define KERN_FOPS_OPEN 0x010
#define KERN_FOPS_RELEASE 0x020
#define KERN_FOPS_FASYNC 0x040

__kern_export("kern_fops_info") unsigned int kern_fops_info(const struct file_operations *fops);

/* The inode of a device node, one per node per loaded module, kept until the
 * node is removed or the module unloaded. mode is S_IFCHR | 0600. */
__kern_export("kern_inode_alloc") struct inode *kern_inode_alloc(unsigned int rdev, unsigned long ino,
								 unsigned int mode);
__kern_export("kern_inode_free") void kern_inode_free(struct inode *inode);

/* An open file: f_inode, f_path.dentry->d_inode = inode, f_flags (O_* as
 * given to open), f_mode (FMODE_READ/FMODE_WRITE...), f_pos 0, f_op NULL,
 * private_data NULL. Returns NULL when out of memory. */
__kern_export("kern_file_alloc") struct file *kern_file_alloc(struct inode *inode, unsigned int f_flags,
							      unsigned int f_mode);
__kern_export("kern_file_free") void kern_file_free(struct file *file);

/* chrdev_open's tail: file->f_op = fops, then fops->open(inode, file) if any. */
__kern_export("kern_fop_open") int kern_fop_open(const struct file_operations *fops, struct inode *inode,
						 struct file *file);
/* f_op->read(file, buf, n, &file->f_pos), or -EINVAL without one. */
__kern_export("kern_fop_read") long kern_fop_read(struct file *file, char __user *buf, unsigned long n);
__kern_export("kern_fop_write") long kern_fop_write(struct file *file, const char __user *buf, unsigned long n);
/* f_op->unlocked_ioctl, -ENOTTY without one; -ENOIOCTLCMD becomes -ENOTTY. */
__kern_export("kern_fop_ioctl") long kern_fop_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
/* f_op->release(inode, file) if any, else 0. */
__kern_export("kern_fop_release") int kern_fop_release(struct inode *inode, struct file *file);
/* file->private_data, for the playground's view of open files. */
__kern_export("kern_file_private_data") unsigned long kern_file_private_data(struct file *file);

/*
 * The module's own entry points are exported by <linux/module.h>:
 * module_init(fn) / module_exit(fn) define and export init_module() and
 * cleanup_module(); an old-style module that defines those names itself gets
 * them exported through their declarations in <linux/module.h>.
 * After every call into the driver, libkern checks that it returned with no
 * spinlock or mutex held (HOST_WARN_LOCK_HELD).
 */

#endif
