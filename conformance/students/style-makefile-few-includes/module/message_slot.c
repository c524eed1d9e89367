// Only the three headers from the course's example: everything else
// (kmalloc, kfree, copy_*_user) comes in through them.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

struct channel {
	unsigned int id;
	unsigned int len;
	char msg[BUF_LEN];
	struct channel *next;
};

struct slot {
	struct channel *head;
};

static struct slot slots[256];

static int device_open(struct inode *inode, struct file *file)
{
	return 0;
}

static int device_release(struct inode *inode, struct file *file)
{
	return 0;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct slot *s = &slots[MINOR(file->f_inode->i_rdev)];
	struct channel *c;

	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	for (c = s->head; c; c = c->next)
		if (c->id == arg)
			break;
	if (!c) {
		c = kmalloc(sizeof(*c), GFP_KERNEL);
		if (!c)
			return -ENOMEM;
		c->id = arg;
		c->len = 0;
		c->next = s->head;
		s->head = c;
	}
	file->private_data = c;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	struct channel *c = file->private_data;
	char tmp[BUF_LEN];

	if (!c)
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

	if (!c)
		return -EINVAL;
	if (!c->len)
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
	.release = device_release,
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init device_init(void)
{
	int rc = register_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME, &fops);

	if (rc < 0) {
		printk(KERN_ALERT "registraion failed for %d\n", MAJOR_NUM);
		return rc;
	}
	return 0;
}

static void __exit device_exit(void)
{
	int i;
	struct channel *c, *n;

	for (i = 0; i < 256; i++)
		for (c = slots[i].head; c; c = n) {
			n = c->next;
			kfree(c);
		}
	unregister_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME);
}

module_init(device_init);
module_exit(device_exit);
