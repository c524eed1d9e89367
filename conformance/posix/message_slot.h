/* message_slot.h - the message slot device's interface, shared by the module
 * and the user programs (message_sender, message_reader). */
#ifndef MESSAGE_SLOT_H
#define MESSAGE_SLOT_H

#include <linux/ioctl.h>

#define MAJOR_NUM 235
#define DEVICE_RANGE_NAME "message_slot"
/* ioctl: set the channel of the open file; the argument is the channel id. */
#define MSG_SLOT_CHANNEL _IOW(MAJOR_NUM, 0, unsigned int)
/* longest message, in bytes */
#define BUF_LEN 128
/* a slot has one device file per minor, 0..255 */
#define SLOT_MINORS 256

#endif
