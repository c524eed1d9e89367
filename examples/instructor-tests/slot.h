/* slot.h - what the instructor's test programs share: the assignment's ioctl command
 * (MSG_SLOT_CHANNEL as the assignment fixes it: major 235, number 0, an unsigned int) and
 * the helpers of slot.c, which is linked into every program of this directory. */
#ifndef SLOT_H
#define SLOT_H

#include <sys/ioctl.h>

#define MSG_SLOT_CHANNEL _IOW(235, 0, unsigned int)

/* open PATH read-write and set its channel; on failure print why and exit 1 */
int open_channel(const char *path, unsigned int channel);
/* write MSG to fd and print "LABEL: wrote N" or the error */
void send_message(int fd, const char *label, const char *msg);
/* read from fd and print "LABEL: read N \"TEXT\"" or the errno's name */
void receive_message(int fd, const char *label);
/* the symbolic name of an errno value ("EINVAL"), or "E?" */
const char *errno_name(int err);

#endif
