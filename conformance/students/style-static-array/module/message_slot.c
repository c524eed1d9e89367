/* message slot: a fixed table of channels per minor, searched linearly */
#undef __KERNEL__
#define __KERNEL__
#undef MODULE
#define MODULE

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

#include "message_slot.h"

MODULE_LICENSE("GPL");

typedef struct channel {
	unsigned int id;
	int used;
	int len;
	char msg[BUF_LEN];
} channel_t;

static channel_t slots[MAX_MINORS][MAX_CHANNELS];

static channel_t *find_channel(int minor, unsigned int id)
{
	int i;
	for (i = 0; i < MAX_CHANNELS; i++) {
		if (slots[minor][i].used && slots[minor][i].id == id)
			return &slots[minor][i];
	}
	for (i = 0; i < MAX_CHANNELS; i++) {
		if (!slots[minor][i].used) {
			slots[minor][i].used = 1;
			slots[minor][i].id = id;
			slots[minor][i].len = 0;
			return &slots[minor][i];
		}
	}
	return NULL;
}

static int device_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

static long device_ioctl(struct file *file, unsigned int ioctl_command_id, unsigned long ioctl_param)
{
	int minor;
	channel_t *ch;

	if (ioctl_command_id != MSG_SLOT_CHANNEL || ioctl_param == 0)
		return -EINVAL;
	minor = MINOR(file->f_path.dentry->d_inode->i_rdev);
	ch = find_channel(minor, (unsigned int)ioctl_param);
	if (ch == NULL)
		return -ENOMEM;
	file->private_data = ch;
	return 0;
}

static ssize_t device_read(struct file *file, char __user *buffer, size_t length, loff_t *offset)
{
	channel_t *ch = (channel_t *)file->private_data;
	int i;

	if (ch == NULL)
		return -EINVAL;
	if (ch->len == 0)
		return -EWOULDBLOCK;
	if (length < ch->len)
		return -ENOSPC;
	for (i = 0; i < ch->len; i++) {
		if (put_user(ch->msg[i], &buffer[i]) != 0)
			return -EFAULT;
	}
	return i;
}

static ssize_t device_write(struct file *file, const char __user *buffer, size_t length, loff_t *offset)
{
	channel_t *ch = (channel_t *)file->private_data;
	char tmp[BUF_LEN];
	int i;

	if (ch == NULL)
		return -EINVAL;
	if (length == 0 || length > BUF_LEN)
		return -EMSGSIZE;
	for (i = 0; i < length; i++) {
		if (get_user(tmp[i], &buffer[i]) != 0)
			return -EFAULT;
	}
	for (i = 0; i < length; i++)
		ch->msg[i] = tmp[i];
	ch->len = length;
	return length;
}

static struct file_operations Fops = {
	.owner = THIS_MODULE,
	.read = device_read,
	.write = device_write,
	.open = device_open,
	.unlocked_ioctl = device_ioctl,
};

int init_module(void)
{
	int rc = register_chrdev(MAJOR_NUM, DEVICE_NAME, &Fops);
	if (rc < 0) {
		printk(KERN_ALERT "%s registraion failed for  %d\n", DEVICE_NAME, MAJOR_NUM);
		return rc;
	}
	memset(slots, 0, sizeof(slots));
	printk(KERN_INFO "message_slot: registered major number %d\n", MAJOR_NUM);
	return 0;
}

void cleanup_module(void)
{
	unregister_chrdev(MAJOR_NUM, DEVICE_NAME);
}
