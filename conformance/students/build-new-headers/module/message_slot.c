// message slot: one list of channels per minor
#undef __KERNEL__
#define __KERNEL__
#undef MODULE
#define MODULE

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/unistd.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/current.h>
#include <linux/device.h>
#include <linux/cdev.h>
#include <linux/miscdevice.h>
#include <linux/version.h>
#include <linux/moduleparam.h>
#include <linux/delay.h>
#include <linux/wait.h>
#include <linux/semaphore.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/kdev_t.h>
#include <linux/vmalloc.h>
#include <linux/jiffies.h>
#include <linux/completion.h>
#include <linux/timer.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

struct channel {
	unsigned int id;
	int len;
	char msg[BUF_LEN];
	struct channel *next;
};

static struct channel *slots[256];
static DEFINE_MUTEX(slots_lock);
static int debug;
module_param(debug, int, 0644);
MODULE_PARM_DESC(debug, "log every call");

static int stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "slots: %d\n", 256);
	return 0;
}

static int stats_open(struct inode *inode, struct file *file)
{
	return single_open(file, stats_show, NULL);
}

static const struct proc_ops stats_ops = {
	.proc_open = stats_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static struct channel *find_channel(int minor, unsigned int id, int create)
{
	struct channel *c = slots[minor];
	while (c != NULL) {
		if (c->id == id)
			return c;
		c = c->next;
	}
	if (!create)
		return NULL;
	c = kmalloc(sizeof(struct channel), GFP_KERNEL);
	if (c == NULL)
		return NULL;
	c->id = id;
	c->len = 0;
	c->next = slots[minor];
	slots[minor] = c;
	return c;
}

static int device_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

static long device_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct channel *c;
	if (debug)
		printk(KERN_INFO "message_slot: ioctl by pid %d at %lu\n", current->pid, jiffies);
	if (cmd != MSG_SLOT_CHANNEL || arg == 0)
		return -EINVAL;
	mutex_lock(&slots_lock);
	c = find_channel(MINOR(file_inode(file)->i_rdev), (unsigned int)arg, 1);
	mutex_unlock(&slots_lock);
	if (c == NULL)
		return -ENOMEM;
	file->private_data = c;
	return 0;
}

static ssize_t device_write(struct file *file, const char __user *buf, size_t len, loff_t *off)
{
	struct channel *c = file->private_data;
	char tmp[BUF_LEN];
	if (c == NULL)
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
	if (c == NULL)
		return -EINVAL;
	if (c->len == 0)
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
	.read = device_read,
	.write = device_write,
	.unlocked_ioctl = device_ioctl,
};

static int __init slot_init(void)
{
	int r = register_chrdev(MAJOR_NUM, DEVICE_NAME, &fops);
	if (r < 0) {
		printk(KERN_ERR "message_slot: register_chrdev failed: %d\n", r);
		return r;
	}
	if (!proc_create("message_slot_stats", 0444, NULL, &stats_ops))
		printk(KERN_WARNING "message_slot: no /proc entry\n");
	printk(KERN_INFO "message_slot: registered major %d (built for %d.%d)\n", MAJOR_NUM,
	       LINUX_VERSION_CODE >> 16, (LINUX_VERSION_CODE >> 8) & 0xff);
	return 0;
}

static void __exit slot_exit(void)
{
	int i;
	for (i = 0; i < 256; i++) {
		struct channel *c = slots[i];
		while (c != NULL) {
			struct channel *next = c->next;
			kfree(c);
			c = next;
		}
	}
	remove_proc_entry("message_slot_stats", NULL);
	unregister_chrdev(MAJOR_NUM, DEVICE_NAME);
}

module_init(slot_init);
module_exit(slot_exit);
