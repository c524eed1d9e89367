/* <linux/miscdevice.h> - misc devices (major 10). Declared with Linux 6.1's layout and
 * signatures; msgslot's kernel does not implement misc_register (a module that calls it fails
 * at modpost, "undefined!": the message-slot assignment registers major 235 itself). */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H
#include <linux/major.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/device.h>
#include <linux/init.h>
#include <linux/module.h>

#define MISC_DYNAMIC_MINOR	255

struct file_operations;
struct attribute_group;

struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	umode_t mode;
};

extern int misc_register(struct miscdevice *misc);
extern void misc_deregister(struct miscdevice *misc);

#ifndef module_driver
/* include/linux/device/driver.h */
#define module_driver(__driver, __register, __unregister, ...) \
static int __init __driver##_init(void) \
{ \
	return __register(&(__driver) , ##__VA_ARGS__); \
} \
module_init(__driver##_init); \
static void __exit __driver##_exit(void) \
{ \
	__unregister(&(__driver) , ##__VA_ARGS__); \
} \
module_exit(__driver##_exit);
#endif

#define module_misc_device(__misc_device) \
	module_driver(__misc_device, misc_register, misc_deregister)

#endif
