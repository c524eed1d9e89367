#ifndef MESSAGE_SLOT_H
#define MESSAGE_SLOT_H

/* shared by the module and the user programs: kernel headers that user space has too */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/types.h>
#include <linux/ioctl.h>
#include <linux/version.h>

#define MAJOR_NUM 235
#define MSG_SLOT_CHANNEL _IOW(MAJOR_NUM, 0, unsigned long)
#define DEVICE_NAME "message_slot"
#define BUF_LEN 128

#endif
