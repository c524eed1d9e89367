// message_slot.c: one list of channels per minor, under a mutex; the device
// is registered with a cdev and gets a class and a control node in sysfs.
#include <linux/init.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");
MODULE_AUTHOR("student");
MODULE_DESCRIPTION("message slot");

struct msg_channel {
	unsigned int id;
	size_t size;
	char *data;
	struct list_head list;
};

struct file_state {
	struct msg_channel *chan;
	unsigned int minor;
};

static struct list_head slot_lists[NUM_MINORS];
static DEFINE_MUTEX(slots_lock);
static struct cdev slot_cdev;
static struct class *slot_class;
static struct device *slot_device;
static dev_t first_dev;

static int slot_open(struct inode *inode, struct file *filp)
{
	struct file_state *st = kmalloc(sizeof(struct file_state), GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	st->chan = NULL;
	st->minor = iminor(file_inode(filp));
	filp->private_data = st;
	pr_debug("message_slot: open minor %u\n", st->minor);
	return 0;
}

static int slot_release(struct inode *inode, struct file *filp)
{
	kfree(filp->private_data);
	return 0;
}

static long slot_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct file_state *st = filp->private_data;
	struct msg_channel *c;

	if (cmd != MSG_SLOT_CHANNEL)
		return -EINVAL;
	if (arg == 0)
		return -EINVAL;

	mutex_lock(&slots_lock);
	list_for_each_entry(c, &slot_lists[st->minor], list) {
		if (c->id == (unsigned int)arg) {
			st->chan = c;
			mutex_unlock(&slots_lock);
			return 0;
		}
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c) {
		mutex_unlock(&slots_lock);
		return -ENOMEM;
	}
	c->id = arg;
	list_add_tail(&c->list, &slot_lists[st->minor]);
	st->chan = c;
	mutex_unlock(&slots_lock);
	return 0;
}

static ssize_t slot_write(struct file *filp, const char __user *buf, size_t len, loff_t *off)
{
	struct file_state *st = filp->private_data;
	char *kbuf;

	if (!st->chan)
		return -EINVAL;
	if (len == 0 || len > MAX_MSG_LEN)
		return -EMSGSIZE;
	kbuf = kmalloc(len, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (copy_from_user(kbuf, buf, len)) {
		kfree(kbuf);
		return -EFAULT;
	}
	mutex_lock(&slots_lock);
	kfree(st->chan->data);
	st->chan->data = kbuf;
	st->chan->size = len;
	mutex_unlock(&slots_lock);
	printk(KERN_DEBUG "message_slot: wrote %zu bytes to channel %u\n", len, st->chan->id);
	return len;
}

static ssize_t slot_read(struct file *filp, char __user *buf, size_t len, loff_t *off)
{
	struct file_state *st = filp->private_data;
	ssize_t ret;

	if (!st->chan)
		return -EINVAL;
	mutex_lock(&slots_lock);
	if (st->chan->size == 0) {
		ret = -EWOULDBLOCK;
	} else if (len < st->chan->size) {
		ret = -ENOSPC;
	} else if (copy_to_user(buf, st->chan->data, st->chan->size)) {
		ret = -EFAULT;
	} else {
		ret = st->chan->size;
	}
	mutex_unlock(&slots_lock);
	return ret;
}

static const struct file_operations slot_fops = {
	.owner = THIS_MODULE,
	.open = slot_open,
	.release = slot_release,
	.read = slot_read,
	.write = slot_write,
	.unlocked_ioctl = slot_ioctl,
};

static int __init slot_init(void)
{
	int i, err;

	for (i = 0; i < NUM_MINORS; i++)
		INIT_LIST_HEAD(&slot_lists[i]);

	first_dev = MKDEV(MAJOR_NUM, 0);
	err = register_chrdev_region(first_dev, NUM_MINORS, DEVICE_RANGE_NAME);
	if (err < 0) {
		pr_err("message_slot: register_chrdev_region failed: %d\n", err);
		return err;
	}
	cdev_init(&slot_cdev, &slot_fops);
	slot_cdev.owner = THIS_MODULE;
	err = cdev_add(&slot_cdev, first_dev, NUM_MINORS);
	if (err < 0)
		goto fail_region;
	slot_class = class_create(THIS_MODULE, "message_slot_class");
	if (IS_ERR(slot_class)) {
		err = PTR_ERR(slot_class);
		goto fail_cdev;
	}
	/* a node per slot, so nobody has to mknod: /dev/slot0 and /dev/slot1 */
	for (i = 0; i < 2; i++) {
		slot_device = device_create(slot_class, NULL, MKDEV(MAJOR_NUM, i), NULL, "slot%d", i);
		if (IS_ERR(slot_device)) {
			err = PTR_ERR(slot_device);
			goto fail_class;
		}
	}
	pr_info("message_slot: loaded, major %d\n", MAJOR(first_dev));
	return 0;

fail_class:
	class_destroy(slot_class);
fail_cdev:
	cdev_del(&slot_cdev);
fail_region:
	unregister_chrdev_region(first_dev, NUM_MINORS);
	return err;
}

static void __exit slot_exit(void)
{
	struct msg_channel *c, *tmp;
	int i;

	for (i = 0; i < NUM_MINORS; i++) {
		list_for_each_entry_safe(c, tmp, &slot_lists[i], list) {
			list_del(&c->list);
			kfree(c->data);
			kfree(c);
		}
	}
	device_destroy(slot_class, MKDEV(MAJOR_NUM, 0));
	device_destroy(slot_class, MKDEV(MAJOR_NUM, 1));
	class_destroy(slot_class);
	cdev_del(&slot_cdev);
	unregister_chrdev_region(first_dev, NUM_MINORS);
}

module_init(slot_init);
module_exit(slot_exit);
