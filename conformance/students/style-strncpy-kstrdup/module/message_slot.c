/* message_slot.c - messages are kept as strings (kstrdup), copied in with
 * strncpy_from_user. Channels: a singly linked list per minor. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "message_slot.h"

MODULE_LICENSE("GPL");

typedef struct channel {
	unsigned int id;
	char *message;
	int length;
	struct channel *next;
} channel;

static channel *minors[256];

static channel *get_channel(int minor, unsigned int id)
{
	channel *c = minors[minor];
	channel *prev = NULL;

	while (c != NULL) {
		if (c->id == id)
			return c;
		prev = c;
		c = c->next;
	}
	c = (channel *)kmalloc(sizeof(channel), GFP_KERNEL);
	if (c == NULL)
		return NULL;
	c->id = id;
	c->message = NULL;
	c->length = 0;
	c->next = NULL;
	if (prev == NULL)
		minors[minor] = c;
	else
		prev->next = c;
	return c;
}

static long device_ioctl(struct file *file, unsigned int ioctl_command_id, unsigned long ioctl_param)
{
	channel *c;

	if (ioctl_command_id != MSG_SLOT_CHANNEL || ioctl_param == 0)
		return -EINVAL;
	c = get_channel(iminor(file_inode(file)), ioctl_param);
	if (c == NULL)
		return -ENOMEM;
	file->private_data = c;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buffer, size_t length, loff_t *offset)
{
	channel *c = file->private_data;
	char kbuf[BUF_LEN + 1];
	long n;
	char *copy;

	if (c == NULL)
		return -EINVAL;
	if (length == 0 || length > BUF_LEN)
		return -EMSGSIZE;
	n = strncpy_from_user(kbuf, buffer, length);
	if (n < 0)
		return -EFAULT;
	kbuf[n] = '\0';
	copy = kstrdup(kbuf, GFP_KERNEL);
	if (copy == NULL)
		return -ENOMEM;
	kfree(c->message);
	c->message = copy;
	c->length = strlen(copy);
	return length;
}

static ssize_t device_read(struct file *file, char __user *buffer, size_t length, loff_t *offset)
{
	channel *c = file->private_data;

	if (c == NULL)
		return -EINVAL;
	if (c->message == NULL)
		return -EWOULDBLOCK;
	if (length < c->length)
		return -ENOSPC;
	if (copy_to_user(buffer, c->message, c->length) != 0)
		return -EFAULT;
	return c->length;
}

struct file_operations Fops = {
	.owner = THIS_MODULE,
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init simple_init(void)
{
	int rc = register_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME, &Fops);

	if (rc < 0)
		return rc;
	printk(KERN_INFO "message_slot: registered\n");
	return 0;
}

static void __exit simple_cleanup(void)
{
	int i;

	for (i = 0; i < 256; i++) {
		channel *c = minors[i];

		while (c != NULL) {
			channel *next = c->next;

			kfree(c->message);
			kfree(c);
			c = next;
		}
	}
	unregister_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME);
}

module_init(simple_init);
module_exit(simple_cleanup);
