/* <sys/stat.h> for user programs: wasi-libc's, plus mknod() (user/mknod.c), which makes a
 * device node in the emulated kernel's /dev. */
#ifndef _MSGSLOT_SYS_STAT_H
#define _MSGSLOT_SYS_STAT_H

#include_next <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

int mknod(const char *pathname, mode_t mode, dev_t dev);

#ifdef __cplusplus
}
#endif

#endif /* _MSGSLOT_SYS_STAT_H */
