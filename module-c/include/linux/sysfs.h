/* <linux/sysfs.h> - sysfs attributes: the structures; creating files is declared only. */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H
#include <linux/types.h>
#include <linux/kobject.h>
struct kobject;
struct attribute {
	const char *name;
	umode_t mode;
};
struct attribute_group {
	const char *name;
	struct attribute **attrs;
};
extern int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
extern void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);
#endif
