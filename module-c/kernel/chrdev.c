/*
 * chrdev.c - fs/char_dev.c: device number regions and cdevs. The host owns
 * the chrdev table (/proc/devices, open() dispatch); libkern additionally
 * keeps the cdevs added, so that kern_fop_open() can set inode->i_cdev.
 */
#include <linux/fs.h>
#include <linux/cdev.h>
#include "libkern.h"

static LIST_HEAD(cdevs);

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name,
		      const struct file_operations *fops)
{
	return host_register_chrdev_region(major, baseminor, count, name, fops);
}

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name)
{
	(void)name;
	host_unregister_chrdev_region(major, baseminor, count);
}

int register_chrdev_region(dev_t from, unsigned count, const char *name)
{
	int ret = host_register_chrdev_region(MAJOR(from), MINOR(from), count, name, NULL);

	return ret < 0 ? ret : 0;
}

int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name)
{
	int major = host_register_chrdev_region(0, baseminor, count, name, NULL);

	if (major < 0)
		return major;
	*dev = MKDEV(major, baseminor);
	return 0;
}

void unregister_chrdev_region(dev_t from, unsigned count)
{
	host_unregister_chrdev_region(MAJOR(from), MINOR(from), count);
}

void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
	__builtin_memset(cdev, 0, sizeof(*cdev));
	INIT_LIST_HEAD(&cdev->list);
	cdev->ops = fops;
}

/* kobj.name of a cdev from cdev_alloc(), which cdev_del() then frees. */
static const char cdev_allocated[] = "cdev_alloc";

struct cdev *cdev_alloc(void)
{
	struct cdev *p = host_kmalloc(sizeof(*p), GFP_KERNEL | __GFP_ZERO, "fs/char_dev.c", 0, "cdev_alloc");

	if (p) {
		INIT_LIST_HEAD(&p->list);
		p->kobj.name = cdev_allocated;
	}
	return p;
}

int cdev_add(struct cdev *p, dev_t dev, unsigned count)
{
	int ret;

	p->dev = dev;
	p->count = count;
	ret = host_cdev_add(dev, count, p->ops);
	if (ret)
		return ret;
	list_add(&p->list, &cdevs);
	return 0;
}

void cdev_set_parent(struct cdev *p, struct kobject *kobj)
{
	p->kobj.parent = kobj;
}

int cdev_device_add(struct cdev *cdev, struct device *dev)
{
	(void)dev;
	return cdev_add(cdev, cdev->dev, 1);
}

void cdev_device_del(struct cdev *cdev, struct device *dev)
{
	(void)dev;
	cdev_del(cdev);
}

void cdev_del(struct cdev *p)
{
	struct cdev *c;

	list_for_each_entry(c, &cdevs, list) {
		if (c == p) {
			list_del_init(&p->list);
			host_cdev_del(p->dev, p->count);
			break;
		}
	}
	if (p->kobj.name == cdev_allocated)
		host_kfree(p, "fs/char_dev.c", 0, "cdev_del");
}

void cdev_put(struct cdev *p)
{
	(void)p;
}

struct cdev *kern_cdev_lookup(dev_t dev)
{
	struct cdev *c;

	list_for_each_entry(c, &cdevs, list)
		if (dev >= c->dev && dev - c->dev < c->count)
			return c;
	return NULL;
}
