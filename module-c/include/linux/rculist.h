/* <linux/rculist.h> - RCU-protected lists: on one CPU with no preemption, the plain list operations. */
#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H
#include <linux/list.h>
#include <linux/rcupdate.h>
#define list_add_rcu(new, head) list_add(new, head)
#define list_add_tail_rcu(new, head) list_add_tail(new, head)
#define list_del_rcu(entry) list_del(entry)
#define list_for_each_entry_rcu(pos, head, member, ...) list_for_each_entry(pos, head, member)
#define hlist_add_head_rcu(n, h) hlist_add_head(n, h)
#define hlist_del_rcu(n) hlist_del(n)
#define hlist_for_each_entry_rcu(pos, head, member, ...) hlist_for_each_entry(pos, head, member)
#endif
