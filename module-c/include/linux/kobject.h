/* <linux/kobject.h> - only what embedding structures need (no sysfs). */
#ifndef _KOBJECT_H_
#define _KOBJECT_H_
#include <linux/types.h>
#include <linux/list.h>
#include <linux/kref.h>
struct kobject {
	const char *name;
	struct list_head entry;
	struct kobject *parent;
	struct kref kref;
};
static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}
#endif
