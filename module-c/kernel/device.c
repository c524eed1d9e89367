/*
 * device.c - drivers/base: classes and devices as plain objects (no sysfs,
 * no udev, so device_create() makes no /dev node). They are libkern's own
 * allocations (HOST_GFP_INTERNAL), never reported as the module's leaks.
 */
#include <linux/device.h>
#include <linux/slab.h>
#include "libkern.h"

struct class *__kern_class_create(struct module *owner, const char *name)
{
	struct class *cls =
		host_kmalloc(sizeof(*cls), GFP_KERNEL | __GFP_ZERO | HOST_GFP_INTERNAL, "drivers/base/class.c", 0,
			     "class_create");

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
		host_kfree(dev, "drivers/base/core.c", 0, "class_destroy");
	}
	host_kfree(cls, "drivers/base/class.c", 0, "class_destroy");
}

struct device *device_create(struct class *cls, struct device *parent, dev_t devt, void *drvdata,
			     const char *fmt, ...)
{
	struct device *dev;
	va_list args;

	if (IS_ERR_OR_NULL(cls))
		return ERR_PTR(-ENODEV);
	dev = host_kmalloc(sizeof(*dev), GFP_KERNEL | __GFP_ZERO | HOST_GFP_INTERNAL, "drivers/base/core.c", 0,
			   "device_create");
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
			host_kfree(dev, "drivers/base/core.c", 0, "device_destroy");
			return;
		}
	}
}
