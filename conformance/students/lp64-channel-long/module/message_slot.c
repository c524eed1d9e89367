#undef __KERNEL__
#define __KERNEL__
#undef MODULE
#define MODULE

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

/* the channel id kept in a long, negative ids refused: 2^64-1 is -1 */
struct channel {
	long id;
	int len;
	char msg[BUF_LEN];
	struct channel *next;
};

static struct channel *slots[256];

static struct channel *find_channel(int minor, long id)
{
	struct channel *c;

	for (c = slots[minor]; c != NULL; c = c->next)
		if (c->id == id)
			return c;
	c = kmalloc(sizeof(struct channel), GFP_KERNEL);
	if (c == NULL)
		return NULL;
	c->id = id;
	c->len = 0;
	c->next = slots[minor];
	slots[minor] = c;
	return c;
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
	if ((long)arg < 0)
		return -EINVAL;
	c = find_channel(iminor(file_inode(file)), arg);
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

static const struct file_operations fops = {
	.owner = THIS_MODULE,
	.open = device_open,
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init slot_init(void)
{
	int rc = register_chrdev(MAJOR_NUM, DEVICE_NAME, &fops);

	if (rc < 0) {
		printk(KERN_ERR "message_slot: register_chrdev failed: %d\n", rc);
		return rc;
	}
	printk(KERN_INFO "message_slot: registered major %d\n", MAJOR_NUM);
	return 0;
}

static void __exit slot_exit(void)
{
	int i;

	for (i = 0; i < 256; i++) {
		while (slots[i] != NULL) {
			struct channel *next = slots[i]->next;

			kfree(slots[i]);
			slots[i] = next;
		}
	}
	unregister_chrdev(MAJOR_NUM, DEVICE_NAME);
}

module_init(slot_init);
module_exit(slot_exit);
