/*
 * fs.c - fs/read_write.c and fs/libfs.c helpers drivers put in their
 * file_operations or call from their methods.
 */
#include <linux/fs.h>
#include "libkern.h"

/* Moves f_pos as whence says, within [0, maxsize]; -EINVAL outside. */
static loff_t set_pos(struct file *file, loff_t offset, int whence, loff_t eof, loff_t maxsize)
{
	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		if (offset == 0)
			return file->f_pos;
		offset += file->f_pos;
		break;
	case SEEK_END:
		offset += eof;
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	(void)file;
	(void)offset;
	(void)whence;
	return -ESPIPE;
}

/* Succeeds and leaves the position alone. */
loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	(void)offset;
	(void)whence;
	return file->f_pos;
}

loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	return set_pos(file, offset, whence, i_size_read(file_inode(file)), MAX_LFS_FILESIZE);
}

loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	return default_llseek(file, offset, whence);
}

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
	return set_pos(file, offset, whence, size, size);
}

loff_t no_seek_end_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_END)
		return -EINVAL;
	return set_pos(file, offset, whence, 0, MAX_LFS_FILESIZE);
}

int nonseekable_open(struct inode *inode, struct file *filp)
{
	(void)inode;
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

int stream_open(struct inode *inode, struct file *filp)
{
	(void)inode;
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);
	filp->f_mode |= FMODE_STREAM;
	return 0;
}

int simple_open(struct inode *inode, struct file *file)
{
	if (inode->i_private)
		file->private_data = inode->i_private;
	return 0;
}

int generic_file_open(struct inode *inode, struct file *filp)
{
	(void)inode;
	(void)filp;
	return 0;
}

/* Copies from[*ppos..available) to user space, at most count bytes. */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from,
				size_t available)
{
	loff_t pos = *ppos;
	size_t ret;

	if (pos < 0)
		return -EINVAL;
	if (pos >= (loff_t)available || !count)
		return 0;
	if (count > available - pos)
		count = available - pos;
	ret = _copy_to_user(to, (const char *)from + pos, count);
	if (ret == count)
		return -EFAULT;
	count -= ret;
	*ppos = pos + count;
	return count;
}

ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from,
			       size_t count)
{
	loff_t pos = *ppos;
	size_t res;

	if (pos < 0)
		return -EINVAL;
	if (pos >= (loff_t)available || !count)
		return 0;
	if (count > available - pos)
		count = available - pos;
	res = _copy_from_user((char *)to + pos, from, count);
	if (res == count)
		return -EFAULT;
	count -= res;
	*ppos = pos + count;
	return count;
}
