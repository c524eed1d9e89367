#undef __KERNEL__
#define __KERNEL__
#undef MODULE
#define MODULE

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/slab.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

/* one node per channel, kept in a list per minor */
struct channel_node {
	unsigned int id;
	int length;
	char *message;
	struct channel_node *next;
};

static struct channel_node *minors[256];

static struct channel_node *find_channel(int minor, unsigned int id)
{
	struct channel_node *node = minors[minor];
	struct channel_node *last = NULL;

	while (node != NULL) {
		if (node->id == id)
			return node;
		last = node;
		node = node->next;
	}
	node = kmalloc(sizeof(*node), GFP_KERNEL);
	if (node == NULL)
		return NULL;
	node->id = id;
	node->length = 0;
	node->message = NULL;
	node->next = NULL;
	if (last == NULL)
		minors[minor] = node;
	else
		last->next = node;
	return node;
}

static int device_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct channel_node *node;

	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	node = find_channel(iminor(file_inode(file)), (unsigned int)arg);
	if (node == NULL)
		return -ENOMEM;
	file->private_data = node;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buffer, size_t length, loff_t *offset)
{
	struct channel_node *node = file->private_data;
	char kbuf[BUF_LEN];
	char *message;

	if (node == NULL)
		return -EINVAL;
	/* copy first, check the length afterwards */
	if (copy_from_user(kbuf, buffer, length))
		return -EFAULT;
	if (length == 0 || length > BUF_LEN)
		return -EMSGSIZE;
	message = kmalloc(length, GFP_KERNEL);
	if (message == NULL)
		return -ENOMEM;
	memcpy(message, kbuf, length);
	if (node->message != NULL)
		kfree(node->message);
	node->message = message;
	node->length = length;
	return length;
}

static ssize_t device_read(struct file *file, char __user *buffer, size_t length, loff_t *offset)
{
	struct channel_node *node = file->private_data;

	if (node == NULL)
		return -EINVAL;
	if (node->message == NULL)
		return -EWOULDBLOCK;
	if (length < node->length)
		return -ENOSPC;
	if (copy_to_user(buffer, node->message, node->length))
		return -EFAULT;
	return node->length;
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
		struct channel_node *node = minors[i];

		while (node != NULL) {
			struct channel_node *next = node->next;

			kfree(node->message);
			kfree(node);
			node = next;
		}
	}
	unregister_chrdev(MAJOR_NUM, DEVICE_NAME);
}

module_init(slot_init);
module_exit(slot_exit);
