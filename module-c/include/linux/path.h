/* <linux/path.h> - struct path: in <linux/fs.h>. */
#ifndef _LINUX_PATH_H
#define _LINUX_PATH_H
#include <linux/fs.h>
#endif
