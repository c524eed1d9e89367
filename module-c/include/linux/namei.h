/* <linux/namei.h> - path lookup: declared only (no file system of modules here). */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H
#include <linux/fs.h>
struct path;
extern int kern_path(const char *, unsigned, struct path *);
#endif
