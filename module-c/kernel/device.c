/*
 * device.c - drivers/base: classes and devices as plain objects (no sysfs,
 * no udev); device_create() makes its /dev node as devtmpfs does (the oracle's
 * VM mounts devtmpfs on /dev), device_destroy() and class_destroy() remove it. They live in libkern's
 * own static pools, not on the kmalloc heap: never reported as the module's
 * leaks, and class_destroy()/device_destroy() may give them back (a kfree of
 * a HOST_GFP_INTERNAL object from module context is an oops: it is how the
 * heap catches a module freeing a struct file or inode). A device per minor
 * of a whole 256-minor region fits.
 */
#include <linux/device.h>
#include <linux/slab.h>
#include "libkern.h"

#define KERN_MAX_CLASSES 16
#define KERN_MAX_DEVICES 512

static struct class class_pool[KERN_MAX_CLASSES];
static bool class_used[KERN_MAX_CLASSES];
static struct device device_pool[KERN_MAX_DEVICES];
static bool device_used[KERN_MAX_DEVICES];

static struct class *class_get_free(void)
{
	int i;

	for (i = 0; i < KERN_MAX_CLASSES; i++) {
		if (!class_used[i]) {
			class_used[i] = true;
			__builtin_memset(&class_pool[i], 0, sizeof(class_pool[i]));
			return &class_pool[i];
		}
	}
	return NULL;
}

static void class_put_back(struct class *cls)
{
	class_used[cls - class_pool] = false;
}

static struct device *device_get_free(void)
{
	int i;

	for (i = 0; i < KERN_MAX_DEVICES; i++) {
		if (!device_used[i]) {
			device_used[i] = true;
			__builtin_memset(&device_pool[i], 0, sizeof(device_pool[i]));
			return &device_pool[i];
		}
	}
	return NULL;
}

static void device_put_back(struct device *dev)
{
	device_used[dev - device_pool] = false;
}

struct class *__kern_class_create(struct module *owner, const char *name)
{
	struct class *cls = class_get_free();

	if (!cls)
		return ERR_PTR(-ENOMEM);
	cls->name = name;
	cls->owner = owner;
	INIT_LIST_HEAD(&cls->__kern_devices);
	return cls;
}

void class_destroy(struct class *cls)
{
	struct device *dev, *tmp;

	if (IS_ERR_OR_NULL(cls))
		return;
	list_for_each_entry_safe(dev, tmp, &cls->__kern_devices, __kern_node) {
		list_del(&dev->__kern_node);
		if (dev->devt)
			host_devtmpfs_delete(dev->__kern_name, dev->devt);
		device_put_back(dev);
	}
	class_put_back(cls);
}

struct device *device_create(struct class *cls, struct device *parent, dev_t devt, void *drvdata,
			     const char *fmt, ...)
{
	struct device *dev;
	va_list args;

	if (IS_ERR_OR_NULL(cls))
		return ERR_PTR(-ENODEV);
	dev = device_get_free();
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev->parent = parent;
	dev->devt = devt;
	dev->driver_data = drvdata;
	dev->class = cls;
	va_start(args, fmt);
	vscnprintf(dev->__kern_name, sizeof(dev->__kern_name), fmt, args);
	va_end(args);
	dev->kobj.name = dev->__kern_name;
	list_add_tail(&dev->__kern_node, &cls->__kern_devices);
	/* device_add() -> devtmpfs_create_node() for a device with a dev_t */
	if (devt)
		host_devtmpfs_create(dev->__kern_name, devt);
	return dev;
}

void device_destroy(struct class *cls, dev_t devt)
{
	struct device *dev;

	if (IS_ERR_OR_NULL(cls))
		return;
	list_for_each_entry(dev, &cls->__kern_devices, __kern_node) {
		if (dev->devt == devt) {
			list_del(&dev->__kern_node);
			/* device_del() -> devtmpfs_delete_node() */
			if (devt)
				host_devtmpfs_delete(dev->__kern_name, devt);
			device_put_back(dev);
			return;
		}
	}
}
