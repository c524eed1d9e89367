/* <unistd.h> for user programs: wasi-libc's, plus what Linux has and WASI lacks, with our own
 * definitions in user/ (C files) calling the emulated kernel: fork (fork.c), getpid/getppid (pid.c),
 * dup/dup2 (dup.c). getpid is declared without wasi-libc's deprecation (it would point at its
 * placeholder library; ours returns the process's pid). */
#ifndef _MSGSLOT_UNISTD_H
#define _MSGSLOT_UNISTD_H

#ifndef _WASI_EMULATED_GETPID
#define _WASI_EMULATED_GETPID
#endif
#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

pid_t fork(void);
pid_t getppid(void);
int dup(int oldfd);
int dup2(int oldfd, int newfd);

#ifdef __cplusplus
}
#endif

#endif /* _MSGSLOT_UNISTD_H */
