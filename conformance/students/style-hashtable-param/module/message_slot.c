// message_slot: all channels of all slots in one hash table keyed by
// (minor, channel id); the open file gets a small state struct in open().
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/hashtable.h>
#include <linux/types.h>
#include <linux/uaccess.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");
MODULE_AUTHOR("A Student");

static int major = MAJOR_NUM;
module_param(major, int, S_IRUGO);
MODULE_PARM_DESC(major, "major number of the device");

static bool verbose = true;
module_param(verbose, bool, 0644);

#define HASH_BITS_SLOTS 8
static DEFINE_HASHTABLE(channels, HASH_BITS_SLOTS);

struct chan {
	u64 key;
	size_t len;
	char data[BUF_LEN];
	struct hlist_node hnode;
};

struct open_file {
	int minor;
	struct chan *cur;
};

static u64 make_key(int minor, unsigned int id)
{
	return ((u64)minor << 32) | id;
}

static struct chan *chan_get(u64 key)
{
	struct chan *c;

	hash_for_each_possible(channels, c, hnode, key) {
		if (c->key == key)
			return c;
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (c == NULL)
		return NULL;
	c->key = key;
	hash_add(channels, &c->hnode, key);
	return c;
}

static int slot_open(struct inode *inode, struct file *f)
{
	struct open_file *of = kzalloc(sizeof(*of), GFP_KERNEL);

	if (of == NULL)
		return -ENOMEM;
	of->minor = MINOR(inode->i_rdev);
	f->private_data = of;
	if (verbose)
		printk(KERN_INFO "message_slot: open minor %d, state %p\n", of->minor, of);
	return 0;
}

static int slot_release(struct inode *inode, struct file *f)
{
	struct open_file *of = f->private_data;

	if (verbose)
		printk(KERN_INFO "message_slot: release minor %d\n", of->minor);
	kfree(of);
	return 0;
}

static long slot_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct open_file *of = f->private_data;
	struct chan *c;

	if (cmd != MSG_SLOT_CHANNEL) {
		printk(KERN_WARNING "message_slot: bad ioctl cmd %u\n", cmd);
		return -EINVAL;
	}
	if (arg == 0)
		return -EINVAL;
	c = chan_get(make_key(of->minor, (unsigned int)arg));
	if (c == NULL)
		return -ENOMEM;
	of->cur = c;
	if (verbose)
		printk(KERN_INFO "message_slot: channel %lu on minor %d\n", arg, of->minor);
	return 0;
}

static ssize_t slot_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	struct open_file *of = f->private_data;
	char tmp[BUF_LEN];
	unsigned long left;

	if (of->cur == NULL)
		return -EINVAL;
	if (len == 0 || len > BUF_LEN)
		return -EMSGSIZE;
	left = copy_from_user(tmp, buf, len);
	if (left != 0) {
		printk(KERN_ERR "message_slot: copy_from_user left %lu of %zu\n", left, len);
		return -EFAULT;
	}
	memcpy(of->cur->data, tmp, len);
	of->cur->len = len;
	if (verbose)
		printk(KERN_INFO "message_slot: wrote %zu bytes, returning %ld\n", len, (long)len);
	return len;
}

static ssize_t slot_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	struct open_file *of = f->private_data;
	struct chan *c = of->cur;

	if (c == NULL)
		return -EINVAL;
	if (c->len == 0)
		return -EWOULDBLOCK;
	if (len < c->len)
		return -ENOSPC;
	if (copy_to_user(buf, c->data, c->len) != 0)
		return -EFAULT;
	return c->len;
}

static struct file_operations slot_fops = {
	.owner = THIS_MODULE,
	.open = slot_open,
	.release = slot_release,
	.read = slot_read,
	.write = slot_write,
	.unlocked_ioctl = slot_ioctl,
};

static int __init slot_init(void)
{
	int rc;

	hash_init(channels);
	rc = register_chrdev(major, DEVICE_RANGE_NAME, &slot_fops);
	if (rc < 0) {
		printk(KERN_ERR "message_slot: register_chrdev(%d) = %d\n", major, rc);
		return rc;
	}
	printk(KERN_INFO "message_slot: major %d, table of %lu buckets\n", major, (unsigned long)HASH_SIZE(channels));
	return 0;
}

static void __exit slot_exit(void)
{
	struct chan *c;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(channels, bkt, tmp, c, hnode) {
		hash_del(&c->hnode);
		kfree(c);
	}
	unregister_chrdev(major, DEVICE_RANGE_NAME);
}

module_init(slot_init);
module_exit(slot_exit);
