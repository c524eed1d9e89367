// message slot: one list of channels per minor
#undef __KERNEL__
#define __KERNEL__
#undef MODULE
#define MODULE

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/idr.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

struct channel {
	int len;
	char msg[BUF_LEN];
};

/* one IDR per minor: channel id -> struct channel */
static struct idr slots[256];

static struct channel *find_channel(int minor, unsigned int id, int create)
{
	struct channel *c = idr_find(&slots[minor], id);
	int r;
	if (c != NULL || !create)
		return c;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (c == NULL)
		return NULL;
	r = idr_alloc(&slots[minor], c, id, id + 1, GFP_KERNEL);
	if (r < 0) {
		kfree(c);
		return NULL;
	}
	return c;
}

static int free_channel(int id, void *p, void *data)
{
	kfree(p);
	return 0;
}

static int device_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct channel *c;
	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	c = find_channel(iminor(file_inode(file)), (unsigned int)arg, 1);
	if (c == NULL)
		return -ENOMEM;
	file->private_data = c;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	struct channel *c = file->private_data;
	char tmp[BUF_LEN];
	if (c == NULL)
		return -EINVAL;
	if (len == 0 || len > BUF_LEN)
		return -EMSGSIZE;
	if (copy_from_user(tmp, buf, len))
		return -EFAULT;
	memcpy(c->msg, tmp, len);
	c->len = len;
	return len;
}

static ssize_t device_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	struct channel *c = file->private_data;
	if (c == NULL)
		return -EINVAL;
	if (c->len == 0)
		return -EWOULDBLOCK;
	if (len < c->len)
		return -ENOSPC;
	if (copy_to_user(buf, c->msg, c->len))
		return -EFAULT;
	return c->len;
}

static struct file_operations fops = {
	.owner = THIS_MODULE,
	.open = device_open,
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init slot_init(void)
{
	int i, r;
	for (i = 0; i < 256; i++)
		idr_init(&slots[i]);
	r = register_chrdev(MAJOR_NUM, DEVICE_NAME, &fops);
	if (r < 0) {
		printk(KERN_ERR "message_slot: register_chrdev failed: %d\n", r);
		return r;
	}
	printk(KERN_INFO "message_slot: registered major %d\n", MAJOR_NUM);
	return 0;
}

static void __exit slot_exit(void)
{
	int i;
	for (i = 0; i < 256; i++) {
		idr_for_each(&slots[i], free_channel, NULL);
		idr_destroy(&slots[i]);
	}
	unregister_chrdev(MAJOR_NUM, DEVICE_NAME);
}

module_init(slot_init);
module_exit(slot_exit);
