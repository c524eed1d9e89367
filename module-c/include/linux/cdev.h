/* <linux/cdev.h> - character devices registered with cdev_add(). libkern
 * remembers every added cdev so that open() can set inode->i_cdev, as
 * chrdev_open() does, for drivers that use container_of(inode->i_cdev). */
#ifndef _LINUX_CDEV_H
#define _LINUX_CDEV_H

#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/list.h>
#include <linux/kobject.h>

struct file_operations;
struct inode;
struct module;
struct device;

struct cdev {
	struct kobject kobj;
	struct module *owner;
	const struct file_operations *ops;
	struct list_head list;
	dev_t dev;
	unsigned int count;
} __randomize_layout;

void cdev_init(struct cdev *cdev, const struct file_operations *fops);
/* A zeroed cdev from the heap; cdev_del() frees it. */
struct cdev *cdev_alloc(void);
void cdev_put(struct cdev *p);
/* Makes count minors from dev open through p->ops: 0 or -errno. */
int cdev_add(struct cdev *p, dev_t dev, unsigned count);
void cdev_set_parent(struct cdev *p, struct kobject *kobj);
int cdev_device_add(struct cdev *cdev, struct device *dev);
void cdev_device_del(struct cdev *cdev, struct device *dev);
void cdev_del(struct cdev *p);

#endif
