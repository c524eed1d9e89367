/*
 * Message slot driver. Each minor gets a "slot" allocated the first time it
 * is opened; a slot keeps its channels in a red-black tree keyed by id.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/rbtree.h>
#include <linux/uaccess.h>
#include "message_slot.h"

MODULE_LICENSE("GPL");

struct channel_node {
	struct rb_node rb;
	unsigned long id;
	char *msg;
	size_t msg_len;
};

struct slot {
	struct rb_root root;
};

static struct slot *slot_table[256];

static struct channel_node *lookup(struct rb_root *root, unsigned long id, int create)
{
	struct rb_node **p = &root->rb_node;
	struct rb_node *parent = NULL;
	struct channel_node *node;

	while (*p) {
		parent = *p;
		node = rb_entry(parent, struct channel_node, rb);
		if (id < node->id)
			p = &(*p)->rb_left;
		else if (id > node->id)
			p = &(*p)->rb_right;
		else
			return node;
	}
	if (!create)
		return NULL;
	node = kzalloc(sizeof(struct channel_node), GFP_KERNEL);
	if (!node)
		return NULL;
	node->id = id;
	rb_link_node(&node->rb, parent, p);
	rb_insert_color(&node->rb, root);
	return node;
}

static int ms_open(struct inode *inode, struct file *file)
{
	unsigned int minor = iminor(file->f_inode);

	if (!slot_table[minor]) {
		slot_table[minor] = kmalloc(sizeof(struct slot), GFP_KERNEL);
		if (!slot_table[minor])
			return -ENOMEM;
		slot_table[minor]->root = RB_ROOT;
	}
	return 0;
}

static long ms_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct slot *s = slot_table[iminor(file->f_inode)];
	struct channel_node *ch;

	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	ch = lookup(&s->root, arg, 1);
	if (!ch)
		return -ENOMEM;
	file->private_data = ch;
	return 0;
}

static ssize_t ms_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	struct channel_node *ch = file->private_data;
	char buf[MAX_MESSAGE];
	char *copy;

	if (!ch)
		return -EINVAL;
	if (count == 0 || count > MAX_MESSAGE)
		return -EMSGSIZE;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	copy = kmemdup(buf, count, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	kfree(ch->msg);
	ch->msg = copy;
	ch->msg_len = count;
	return count;
}

static ssize_t ms_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	struct channel_node *ch = file->private_data;

	if (!ch)
		return -EINVAL;
	if (!ch->msg)
		return -EWOULDBLOCK;
	if (count < ch->msg_len)
		return -ENOSPC;
	if (copy_to_user(ubuf, ch->msg, ch->msg_len))
		return -EFAULT;
	return ch->msg_len;
}

static const struct file_operations ms_fops = {
	.owner = THIS_MODULE,
	.open = ms_open,
	.read = ms_read,
	.write = ms_write,
	.unlocked_ioctl = ms_ioctl,
	.compat_ioctl = ms_ioctl,
};

static int __init ms_init(void)
{
	int ret = register_chrdev(MAJOR_NUM, DEVICE_NAME, &ms_fops);

	if (ret < 0) {
		printk(KERN_ERR "msgslot: cannot register major %d (%d)\n", MAJOR_NUM, ret);
		return ret;
	}
	return 0;
}

static void __exit ms_exit(void)
{
	int i;

	for (i = 0; i < 256; i++) {
		struct rb_node *n;

		if (!slot_table[i])
			continue;
		while ((n = rb_first(&slot_table[i]->root))) {
			struct channel_node *ch = rb_entry(n, struct channel_node, rb);

			rb_erase(n, &slot_table[i]->root);
			kfree(ch->msg);
			kfree(ch);
		}
		kfree(slot_table[i]);
	}
	unregister_chrdev(MAJOR_NUM, DEVICE_NAME);
}

module_init(ms_init);
module_exit(ms_exit);
