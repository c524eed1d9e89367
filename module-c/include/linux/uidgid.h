/* <linux/uidgid.h> - kernel-internal user and group ids. */
#ifndef _LINUX_UIDGID_H
#define _LINUX_UIDGID_H

#include <linux/types.h>

typedef struct {
	uid_t val;
} kuid_t;
typedef struct {
	gid_t val;
} kgid_t;

#define KUIDT_INIT(value) (kuid_t){ value }
#define KGIDT_INIT(value) (kgid_t){ value }
#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)
#define INVALID_UID KUIDT_INIT(-1)
#define INVALID_GID KGIDT_INIT(-1)

struct user_namespace;
extern struct user_namespace init_user_ns;

static inline uid_t __kuid_val(kuid_t uid)
{
	return uid.val;
}
static inline gid_t __kgid_val(kgid_t gid)
{
	return gid.val;
}
static inline bool uid_eq(kuid_t left, kuid_t right)
{
	return left.val == right.val;
}
static inline bool gid_eq(kgid_t left, kgid_t right)
{
	return left.val == right.val;
}
static inline uid_t from_kuid(struct user_namespace *to, kuid_t uid)
{
	(void)to;
	return uid.val;
}
static inline gid_t from_kgid(struct user_namespace *to, kgid_t gid)
{
	(void)to;
	return gid.val;
}
static inline kuid_t make_kuid(struct user_namespace *from, uid_t uid)
{
	(void)from;
	return KUIDT_INIT(uid);
}
static inline kgid_t make_kgid(struct user_namespace *from, gid_t gid)
{
	(void)from;
	return KGIDT_INIT(gid);
}
#define from_kuid_munged from_kuid
#define from_kgid_munged from_kgid

#endif
