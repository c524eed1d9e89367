#ifndef MESSAGE_SLOT_H
#define MESSAGE_SLOT_H

/* no includes: whoever includes this has <linux/fs.h> or <sys/ioctl.h> already */
#define MAJOR_NUM 235
#define MSG_SLOT_CHANNEL _IOW(MAJOR_NUM, 0, unsigned int)
#define DEVICE_NAME "message_slot"
#define BUF_LEN ((size_t)128)

#endif
