// message slot on top of idr: each minor has an idr mapping channel ids to
// channels; a channel is made with idr_alloc(id, id + 1), the way the idr
// documentation reserves one given id. The id is cast to int unchecked.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

struct msg_channel {
	int len;
	char buf[BUF_LEN];
};

static struct idr channel_idr[256];
static struct mutex idr_lock;

struct fdata {
	struct msg_channel *ch;
};

static int ms_open(struct inode *inode, struct file *file)
{
	struct fdata *fd = kzalloc(sizeof(*fd), GFP_KERNEL);

	if (!fd)
		return -ENOMEM;
	file->private_data = fd;
	return 0;
}

static int ms_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static long ms_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct fdata *fd = file->private_data;
	struct idr *idr = &channel_idr[iminor(file_inode(file))];
	struct msg_channel *ch;
	int id, ret;

	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	id = (int)arg;
	mutex_lock(&idr_lock);
	ch = idr_find(idr, id);
	if (!ch) {
		ch = kzalloc(sizeof(*ch), GFP_KERNEL);
		if (!ch) {
			mutex_unlock(&idr_lock);
			return -ENOMEM;
		}
		ret = idr_alloc(idr, ch, id, id + 1, GFP_KERNEL);
		if (ret < 0) {
			kfree(ch);
			mutex_unlock(&idr_lock);
			return ret;
		}
	}
	fd->ch = ch;
	mutex_unlock(&idr_lock);
	return 0;
}

static ssize_t ms_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	struct fdata *fd = file->private_data;

	if (!fd->ch)
		return -EINVAL;
	if (fd->ch->len == 0)
		return -EWOULDBLOCK;
	if (len < fd->ch->len)
		return -ENOSPC;
	if (copy_to_user(buf, fd->ch->buf, fd->ch->len))
		return -EFAULT;
	return fd->ch->len;
}

static ssize_t ms_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	struct fdata *fd = file->private_data;
	char tmp[BUF_LEN];

	if (!fd->ch)
		return -EINVAL;
	if (len == 0 || len > BUF_LEN)
		return -EMSGSIZE;
	if (copy_from_user(tmp, buf, len))
		return -EFAULT;
	memcpy(fd->ch->buf, tmp, len);
	fd->ch->len = len;
	return len;
}

static const struct file_operations ms_fops = {
	.owner = THIS_MODULE,
	.open = ms_open,
	.release = ms_release,
	.read = ms_read,
	.write = ms_write,
	.unlocked_ioctl = ms_ioctl,
};

static int __init ms_init(void)
{
	int i, rc;

	mutex_init(&idr_lock);
	for (i = 0; i < 256; i++)
		idr_init(&channel_idr[i]);
	rc = register_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME, &ms_fops);
	if (rc < 0)
		return rc;
	return 0;
}

static int free_channel(int id, void *p, void *data)
{
	kfree(p);
	return 0;
}

static void __exit ms_exit(void)
{
	int i;

	unregister_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME);
	for (i = 0; i < 256; i++) {
		idr_for_each(&channel_idr[i], free_channel, NULL);
		idr_destroy(&channel_idr[i]);
	}
}

module_init(ms_init);
module_exit(ms_exit);
