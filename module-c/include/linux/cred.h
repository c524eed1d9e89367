/* <linux/cred.h> - every process runs as root (uid 0) in the emulator. */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/uidgid.h>
#include <linux/sched.h>

struct cred {
	kuid_t uid;
	kgid_t gid;
	kuid_t suid;
	kgid_t sgid;
	kuid_t euid;
	kgid_t egid;
	kuid_t fsuid;
	kgid_t fsgid;
	struct user_namespace *user_ns;
};

#define current_cred() (current->cred)
#define current_uid() (current_cred()->uid)
#define current_gid() (current_cred()->gid)
#define current_euid() (current_cred()->euid)
#define current_egid() (current_cred()->egid)
#define current_fsuid() (current_cred()->fsuid)
#define current_fsgid() (current_cred()->fsgid)
#define current_user_ns() (&init_user_ns)
#define get_current_cred() current_cred()
#define put_cred(cred) do { (void)(cred); } while (0)

#endif
