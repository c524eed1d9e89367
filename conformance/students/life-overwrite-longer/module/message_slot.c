#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/errno.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

struct channel_node {
	unsigned int id;
	char *msg;
	size_t msg_len;
	struct channel_node *next;
};

/* one list of channels per minor */
static struct channel_node *minors[NUM_MINORS];

static struct channel_node *get_channel(int minor, unsigned int id, int create)
{
	struct channel_node *node = minors[minor];

	while (node) {
		if (node->id == id)
			return node;
		node = node->next;
	}
	if (!create)
		return NULL;
	node = kmalloc(sizeof(*node), GFP_KERNEL);
	if (!node)
		return NULL;
	node->id = id;
	node->msg = NULL;
	node->msg_len = 0;
	node->next = minors[minor];
	minors[minor] = node;
	return node;
}

static int device_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	file->private_data = (void *)arg;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	unsigned int id = (unsigned int)(unsigned long)file->private_data;
	struct channel_node *ch;

	if (id == 0)
		return -EINVAL;
	if (len == 0 || len > MAX_MSG_LEN)
		return -EMSGSIZE;
	ch = get_channel(iminor(file_inode(file)), id, 1);
	if (!ch)
		return -ENOMEM;
	/* the channel's buffer is allocated by its first message */
	if (ch->msg == NULL) {
		ch->msg = kmalloc(len, GFP_KERNEL);
		if (ch->msg == NULL)
			return -ENOMEM;
	}
	if (copy_from_user(ch->msg, buf, len))
		return -EFAULT;
	ch->msg_len = len;
	return len;
}

static ssize_t device_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	unsigned int id = (unsigned int)(unsigned long)file->private_data;
	struct channel_node *ch;

	if (id == 0)
		return -EINVAL;
	ch = get_channel(iminor(file_inode(file)), id, 0);
	if (!ch || ch->msg_len == 0)
		return -EWOULDBLOCK;
	if (len < ch->msg_len)
		return -ENOSPC;
	if (copy_to_user(buf, ch->msg, ch->msg_len))
		return -EFAULT;
	return ch->msg_len;
}

static int device_release(struct inode *inode, struct file *file)
{
	return 0;
}

static const struct file_operations fops = {
	.owner = THIS_MODULE,
	.open = device_open,
	.release = device_release,
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init slot_init(void)
{
	int rc = register_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME, &fops);

	if (rc < 0) {
		printk(KERN_ERR "message_slot: cannot register major %d\n", MAJOR_NUM);
		return rc;
	}
	return 0;
}

static void __exit slot_exit(void)
{
	int i;
	struct channel_node *node, *next;

	for (i = 0; i < NUM_MINORS; i++) {
		node = minors[i];
		while (node) {
			next = node->next;
			kfree(node->msg);
			kfree(node);
			node = next;
		}
	}
	unregister_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME);
}

module_init(slot_init);
module_exit(slot_exit);
