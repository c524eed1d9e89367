/* <linux/major.h> - well-known major numbers (include/uapi/linux/major.h), a selection. */
#ifndef _LINUX_MAJOR_H
#define _LINUX_MAJOR_H
#define UNNAMED_MAJOR		0
#define MEM_MAJOR		1
#define TTY_MAJOR		4
#define TTYAUX_MAJOR		5
#define LP_MAJOR		6
#define MISC_MAJOR		10
#define INPUT_MAJOR		13
#define SOUND_MAJOR		14
#define RAW_MAJOR		162
#define LOCAL_MAJOR_START	60
#define LOCAL_MAJOR_END		63
#define CHRDEV_MAJOR_MAX	512
#endif
