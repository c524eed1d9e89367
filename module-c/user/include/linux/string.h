/* <linux/string.h> for user programs: intentionally empty. A header shared by a module and
 * its user programs (message_slot.h) may include kernel headers; in a user program they
 * only have to compile. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H
#endif
