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

/* a channel of a slot: a linked list node */
typedef struct channel {
    unsigned int id;
    int len;
    char msg[BUF_LEN];
    struct channel *next;
} channel;

/* a slot (one per minor that was opened): a linked list of slots */
typedef struct slot {
    int minor;
    channel *channels;
    struct slot *next;
} slot;

static slot *slots = NULL;

static slot *find_slot(int minor)
{
    slot *s = slots;
    while (s != NULL) {
        if (s->minor == minor)
            return s;
        s = s->next;
    }
    return NULL;
}

static channel *find_channel(slot *s, unsigned int id)
{
    channel *c = s->channels;
    while (c != NULL) {
        if (c->id == id)
            return c;
        c = c->next;
    }
    return NULL;
}

static int device_open(struct inode *inode, struct file *file)
{
    int minor = iminor(inode);
    slot *s = find_slot(minor);
    if (s == NULL) {
        s = kmalloc(sizeof(slot), GFP_KERNEL);
        if (s == NULL)
            return -ENOMEM;
        s->minor = minor;
        s->channels = NULL;
        s->next = slots;
        slots = s;
    }
    file->private_data = NULL;
    return SUCCESS;
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
    unsigned int id = (unsigned int)(unsigned long)file->private_data;
    slot *s;
    channel *c;
    char tmp[BUF_LEN];

    if (id == 0)
        return -EINVAL;
    if (length == 0 || length > BUF_LEN)
        return -EMSGSIZE;
    if (copy_from_user(tmp, buffer, length))
        return -EFAULT;
    s = find_slot(iminor(file->f_inode));
    c = find_channel(s, id);
    if (c == NULL) {
        c = kmalloc(sizeof(channel), GFP_KERNEL);
        if (c == NULL)
            return -ENOMEM;
        c->id = id;
        c->next = s->channels;
        s->channels = c;
    }
    memcpy(c->msg, tmp, length);
    c->len = length;
    return length;
}

static ssize_t device_read(struct file *file, char __user *buffer, size_t length, loff_t *offset)
{
    unsigned int id = (unsigned int)(unsigned long)file->private_data;
    slot *s;
    channel *c;

    if (id == 0)
        return -EINVAL;
    s = find_slot(iminor(file->f_inode));
    c = find_channel(s, id);
    if (c == NULL || c->len == 0)
        return -EWOULDBLOCK;
    if (length < c->len)
        return -ENOSPC;
    if (copy_to_user(buffer, c->msg, c->len))
        return -EFAULT;
    return c->len;
}

struct file_operations Fops = {
    .owner = THIS_MODULE,
    .read = device_read,
    .write = device_write,
    .open = device_open,
    .unlocked_ioctl = device_ioctl,
};

static int __init simple_init(void)
{
    int rc = register_chrdev(MAJOR_NUM, DEVICE_NAME, &Fops);
    if (rc < 0) {
        printk(KERN_ERR "%s registraion failed for %d\n", DEVICE_NAME, MAJOR_NUM);
        return rc;
    }
    printk("message_slot: registered major %d\n", MAJOR_NUM);
    return SUCCESS;
}

static void __exit simple_cleanup(void)
{
    slot *s = slots;
    slot *next_slot;
    channel *c, *next_channel;

    /* free every slot and its channels (the list always has a slot: the first open made it) */
    do {
        next_slot = s->next;
        c = s->channels;
        while (c != NULL) {
            next_channel = c->next;
            kfree(c);
            c = next_channel;
        }
        kfree(s);
        s = next_slot;
    } while (s != NULL);
    unregister_chrdev(MAJOR_NUM, DEVICE_NAME);
}

module_init(simple_init);
module_exit(simple_cleanup);
