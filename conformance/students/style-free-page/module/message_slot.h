#ifndef MSGSLOT_H
#define MSGSLOT_H

#include <linux/ioctl.h>

#define MAJOR_NUM 235
#define MSG_SLOT_CHANNEL _IOW(MAJOR_NUM, 0, unsigned int)
#define SUCCESS 0
#define DEVICE_FILE_NAME "message_slot"
#define MAX_BUF 128

#endif
