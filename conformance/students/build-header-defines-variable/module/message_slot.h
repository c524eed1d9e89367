#ifndef MESSAGE_SLOT_H
#define MESSAGE_SLOT_H

#include <linux/ioctl.h>

#define MAJOR_NUM 235
#define MSG_SLOT_CHANNEL _IOW(MAJOR_NUM, 0, unsigned int)
#define BUF_LEN 128

const char *device_name_str = "message_slot";
#define DEVICE_NAME device_name_str

#endif
