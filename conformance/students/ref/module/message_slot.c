// SPDX-License-Identifier: GPL-2.0
/*
 * message_slot.c - the message slot character device (reference driver).
 *
 * Every minor of major 235 is a slot; a slot has channels, identified by any
 * non-zero unsigned int; a channel keeps its last message (1..128 bytes)
 * until it is overwritten. The channel an open file talks to is set with
 * ioctl(MSG_SLOT_CHANNEL) and kept in file->private_data, so it belongs to
 * the open file (shared by dup and fork) and not to the slot or the process.
 *
 * Channels of a slot live in a red-black tree keyed by id: lookups stay
 * O(log C) with 2^20 channels. Memory is O(C * M): a channel holds exactly
 * its message's bytes. Open files need no memory of their own.
 *
 * This is real kernel C: it builds with Kbuild for Linux 6.1 and with the
 * msgslot toolchain against module-c/include.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");
MODULE_AUTHOR("msgslot");
MODULE_DESCRIPTION("Message slot: a character device with per-file channels");

struct channel {
	struct rb_node node;
	unsigned int id;
	size_t len;	/* 0: no message yet */
	char *msg;
};

struct slot {
	struct rb_root channels;
};

static struct slot *slots[SLOT_MINORS];

static struct channel *channel_find(struct slot *slot, unsigned int id)
{
	struct rb_node *n = slot->channels.rb_node;

	while (n) {
		struct channel *ch = rb_entry(n, struct channel, node);

		if (id < ch->id)
			n = n->rb_left;
		else if (id > ch->id)
			n = n->rb_right;
		else
			return ch;
	}
	return NULL;
}

/* The channel with this id, created empty if the slot has none yet. */
static struct channel *channel_get(struct slot *slot, unsigned int id)
{
	struct rb_node **link = &slot->channels.rb_node, *parent = NULL;
	struct channel *ch;

	while (*link) {
		parent = *link;
		ch = rb_entry(parent, struct channel, node);
		if (id < ch->id)
			link = &parent->rb_left;
		else if (id > ch->id)
			link = &parent->rb_right;
		else
			return ch;
	}
	ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	if (!ch)
		return NULL;
	ch->id = id;
	rb_link_node(&ch->node, parent, link);
	rb_insert_color(&ch->node, &slot->channels);
	return ch;
}

static void slot_free(struct slot *slot)
{
	struct channel *ch, *next;

	rbtree_postorder_for_each_entry_safe(ch, next, &slot->channels, node) {
		kfree(ch->msg);
		kfree(ch);
	}
	kfree(slot);
}

static unsigned int file_channel(struct file *file)
{
	return (unsigned int)(unsigned long)file->private_data;
}

static struct slot *file_slot(struct file *file)
{
	return slots[iminor(file_inode(file))];
}

static int device_open(struct inode *inode, struct file *file)
{
	unsigned int minor = iminor(inode);

	/* chrdev_open only calls us for the minors we registered */
	if (minor >= SLOT_MINORS)
		return -ENXIO;
	if (!slots[minor]) {
		struct slot *slot = kzalloc(sizeof(*slot), GFP_KERNEL);

		if (!slot)
			return -ENOMEM;
		slot->channels = RB_ROOT;
		slots[minor] = slot;
	}
	file->private_data = NULL;
	return 0;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != MSG_SLOT_CHANNEL || arg == 0 || arg > UINT_MAX)
		return -EINVAL;
	file->private_data = (void *)arg;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	unsigned int id = file_channel(file);
	struct channel *ch;
	char *msg;

	if (!id)
		return -EINVAL;
	if (len == 0 || len > BUF_LEN)
		return -EMSGSIZE;
	/* copy into a new buffer first: a failed write leaves the old message */
	msg = kmalloc(len, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	if (copy_from_user(msg, buf, len)) {
		kfree(msg);
		return -EFAULT;
	}
	ch = channel_get(file_slot(file), id);
	if (!ch) {
		kfree(msg);
		return -ENOMEM;
	}
	kfree(ch->msg);
	ch->msg = msg;
	ch->len = len;
	return len;
}

static ssize_t device_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	unsigned int id = file_channel(file);
	struct channel *ch;

	if (!id)
		return -EINVAL;
	ch = channel_find(file_slot(file), id);
	if (!ch || !ch->len)
		return -EWOULDBLOCK;
	if (len < ch->len)
		return -ENOSPC;
	if (copy_to_user(buf, ch->msg, ch->len))
		return -EFAULT;
	return ch->len;
}

static int device_release(struct inode *inode, struct file *file)
{
	/* the channel id lives in private_data itself: nothing to free */
	file->private_data = NULL;
	return 0;
}

static const struct file_operations slot_fops = {
	.owner = THIS_MODULE,
	.open = device_open,
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
	.release = device_release,
};

static int __init message_slot_init(void)
{
	int rc = register_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME, &slot_fops);

	if (rc < 0) {
		printk(KERN_ERR "message_slot: register_chrdev(%d) failed: %d\n", MAJOR_NUM, rc);
		return rc;
	}
	printk(KERN_INFO "message_slot: registered major %d\n", MAJOR_NUM);
	return 0;
}

static void __exit message_slot_exit(void)
{
	int i;

	for (i = 0; i < SLOT_MINORS; i++) {
		if (slots[i]) {
			slot_free(slots[i]);
			slots[i] = NULL;
		}
	}
	unregister_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME);
}

module_init(message_slot_init);
module_exit(message_slot_exit);
