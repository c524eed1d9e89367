/* <linux/rcupdate.h> - RCU with one CPU and no preemption: read sections
 * are empty and a grace period has always already passed. */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H
#include <linux/compiler.h>
#include <linux/types.h>
#define rcu_read_lock() do { } while (0)
#define rcu_read_unlock() do { } while (0)
#define rcu_read_lock_bh() do { } while (0)
#define rcu_read_unlock_bh() do { } while (0)
#define synchronize_rcu() do { } while (0)
#define synchronize_rcu_expedited() do { } while (0)
#define rcu_barrier() do { } while (0)
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
#define call_rcu(head, func) (func)(head)
#endif
