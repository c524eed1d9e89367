// Message slot: per minor, a growing array of channels (doubled with
// krealloc), allocated with kcalloc in init; messages come in with
// memdup_user. The slot table itself is vmalloc'd.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/uaccess.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

struct channel {
	unsigned int id;
	size_t len;
	void *msg;
};

struct slot {
	struct channel *chans;
	size_t count;
	size_t cap;
};

static struct slot *slots;

static struct channel *slot_channel(struct slot *s, unsigned int id)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		if (s->chans[i].id == id)
			return &s->chans[i];
	if (s->count == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 4;
		struct channel *n = krealloc(s->chans, ncap * sizeof(struct channel), GFP_KERNEL);

		if (!n)
			return NULL;
		s->chans = n;
		s->cap = ncap;
	}
	s->chans[s->count].id = id;
	s->chans[s->count].len = 0;
	s->chans[s->count].msg = NULL;
	return &s->chans[s->count++];
}

/* the open file keeps the channel id; the channel is looked up on use
 * (a pointer into the array would dangle after krealloc) */
static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct slot *s = &slots[iminor(file->f_path.dentry->d_inode)];

	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	if (!slot_channel(s, arg))
		return -ENOMEM;
	file->private_data = (void *)(uintptr_t)arg;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	unsigned int id = (uintptr_t)file->private_data;
	struct channel *c;
	void *m;

	if (id == 0)
		return -EINVAL;
	if (len == 0 || len > BUF_LEN)
		return -EMSGSIZE;
	c = slot_channel(&slots[iminor(file->f_path.dentry->d_inode)], id);
	if (!c)
		return -ENOMEM;
	m = memdup_user(buf, len);
	if (IS_ERR(m))
		return PTR_ERR(m);
	kfree(c->msg);
	c->msg = m;
	c->len = len;
	return len;
}

static ssize_t device_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	unsigned int id = (uintptr_t)file->private_data;
	struct channel *c;

	if (id == 0)
		return -EINVAL;
	c = slot_channel(&slots[iminor(file->f_path.dentry->d_inode)], id);
	if (!c)
		return -ENOMEM;
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
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init slot_init(void)
{
	int rc;

	slots = vzalloc(MINORS * sizeof(struct slot));
	if (!slots)
		return -ENOMEM;
	rc = register_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME, &fops);
	if (rc < 0) {
		vfree(slots);
		return rc;
	}
	return 0;
}

static void __exit slot_exit(void)
{
	int i;
	size_t j;

	unregister_chrdev(MAJOR_NUM, DEVICE_RANGE_NAME);
	for (i = 0; i < MINORS; i++) {
		for (j = 0; j < slots[i].count; j++)
			kfree(slots[i].chans[j].msg);
		kfree(slots[i].chans);
	}
	vfree(slots);
}

module_init(slot_init);
module_exit(slot_exit);
