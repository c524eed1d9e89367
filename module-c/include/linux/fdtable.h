/* <linux/fdtable.h> - the open-file table: declared only (msgslot's fd tables live in the host). */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H
#include <linux/file.h>
#include <linux/fs.h>
struct files_struct;
#endif
