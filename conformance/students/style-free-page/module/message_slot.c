// message slot with xarrays: one xarray of slots indexed by minor, and in
// each slot an xarray of channels indexed by channel id. The open file keeps
// its channel id in private_data. A channel's buffer is a whole page, taken
// with get_zeroed_page() the first time it is written.
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <linux/uaccess.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

struct channel {
	char *buf;
	int len;
};

struct slot {
	struct xarray channels;
};

static DEFINE_XARRAY(slots);

static struct slot *get_slot(struct file *file, int create)
{
	unsigned long minor = iminor(file_inode(file));
	struct slot *s = xa_load(&slots, minor);

	if (s || !create)
		return s;
	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	xa_init(&s->channels);
	if (xa_err(xa_store(&slots, minor, s, GFP_KERNEL))) {
		kfree(s);
		return NULL;
	}
	return s;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long param)
{
	if (cmd != MSG_SLOT_CHANNEL || param == 0)
		return -EINVAL;
	file->private_data = (void *)param;
	return SUCCESS;
}

static ssize_t device_write(struct file *file, const char __user *buffer, size_t length, loff_t *offset)
{
	unsigned long id = (unsigned long)file->private_data;
	struct slot *s;
	struct channel *ch;

	if (id == 0)
		return -EINVAL;
	if (length == 0 || length > MAX_BUF)
		return -EMSGSIZE;
	s = get_slot(file, 1);
	if (!s)
		return -ENOMEM;
	ch = xa_load(&s->channels, id);
	if (!ch) {
		ch = kzalloc(sizeof(*ch), GFP_KERNEL);
		if (!ch)
			return -ENOMEM;
		xa_store(&s->channels, id, ch, GFP_KERNEL);
	}
	if (!ch->buf) {
		ch->buf = (char *)get_zeroed_page(GFP_KERNEL);
		if (!ch->buf)
			return -ENOMEM;
	}
	if (copy_from_user(ch->buf, buffer, length)) {
		ch->len = 0;
		return -EFAULT;
	}
	ch->len = length;
	return length;
}

static ssize_t device_read(struct file *file, char __user *buffer, size_t length, loff_t *offset)
{
	unsigned long id = (unsigned long)file->private_data;
	struct slot *s;
	struct channel *ch;

	if (id == 0)
		return -EINVAL;
	s = get_slot(file, 0);
	ch = s ? xa_load(&s->channels, id) : NULL;
	if (!ch || ch->len == 0)
		return -EWOULDBLOCK;
	if (length < ch->len)
		return -ENOSPC;
	if (copy_to_user(buffer, ch->buf, ch->len))
		return -EFAULT;
	return ch->len;
}

static struct file_operations fops = {
	.owner = THIS_MODULE,
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init simple_init(void)
{
	int rc = register_chrdev(MAJOR_NUM, DEVICE_FILE_NAME, &fops);

	if (rc < 0) {
		printk(KERN_ERR "%s registraion failed for %d\n", DEVICE_FILE_NAME, MAJOR_NUM);
		return rc;
	}
	printk("Registeration is successful.\n");
	return SUCCESS;
}

static void __exit simple_cleanup(void)
{
	struct slot *s;
	struct channel *ch;
	unsigned long i, j;

	xa_for_each(&slots, i, s) {
		xa_for_each(&s->channels, j, ch) {
			free_page((unsigned long)ch->buf);
			kfree(ch);
		}
		xa_destroy(&s->channels);
		kfree(s);
	}
	xa_destroy(&slots);
	unregister_chrdev(MAJOR_NUM, DEVICE_FILE_NAME);
}

module_init(simple_init);
module_exit(simple_cleanup);
