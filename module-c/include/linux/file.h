/* <linux/file.h> - file references: fget/fput and friends (Linux 6.1's signatures), declared only. */
#ifndef _LINUX_FILE_H
#define _LINUX_FILE_H
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/fs.h>
extern void fput(struct file *);
extern struct file *fget(unsigned int fd);
extern int get_unused_fd_flags(unsigned flags);
extern void put_unused_fd(unsigned int fd);
extern void fd_install(unsigned int fd, struct file *file);
#endif
