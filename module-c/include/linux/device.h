/* <linux/device.h> - device classes and devices, enough for the
 * class_create()/device_create() boilerplate drivers use to get a /dev node
 * from udev. There is no sysfs or udev here: the objects exist and can be
 * destroyed, but no node appears (create it with mknod). */
#ifndef _DEVICE_H_
#define _DEVICE_H_

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/kobject.h>
#include <linux/kdev_t.h>
#include <linux/err.h>
#include <linux/printk.h>

struct module;
struct device;
struct device_driver {
	const char *name;
	struct module *owner;
};

struct class {
	const char *name;
	struct module *owner;
	struct list_head __kern_devices;	/* devices made by device_create() */
	char *(*devnode)(struct device *dev, umode_t *mode);
};

struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	struct device_driver *driver;
	void *driver_data;
	dev_t devt;
	struct class *class;
	void (*release)(struct device *dev);
	struct list_head __kern_node;
	char __kern_name[32];
};

struct class *__kern_class_create(struct module *owner, const char *name);
/* Linux 6.1's two-argument form (6.4 dropped owner). */
#define class_create(owner, name) __kern_class_create((owner), (name))
void class_destroy(struct class *cls);
__printf(5, 6) struct device *device_create(struct class *cls, struct device *parent, dev_t devt,
					    void *drvdata, const char *fmt, ...);
void device_destroy(struct class *cls, dev_t devt);

static inline const char *dev_name(const struct device *dev)
{
	return dev->__kern_name;
}
static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}
static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}
/* The driver's name or, for a class device, the class's. */
static inline const char *dev_driver_string(const struct device *dev)
{
	return dev->driver ? dev->driver->name : dev->class ? dev->class->name : "";
}

/* "<driver> <device>: message", like Linux's dev_printk(). */
#define dev_printk(level, dev, fmt, ...) \
	printk(level "%s %s: " fmt, dev_driver_string(dev), dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...) dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...) dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...) dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...) dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...) ({ if (0) dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__); })
#endif

#endif
