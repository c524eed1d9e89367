#pragma once

#include <linux/ioctl.h>

#define MAJOR_NUM 235
#define MSG_SLOT_CHANNEL _IOWR(MAJOR_NUM, 0, unsigned long)
#define DEVICE_NAME "msgslot"
#define MAX_MESSAGE 128
