/* <linux/poll.h> - poll_table and the POLL* event bits. */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H
#include <linux/wait.h>
#include <linux/fs.h>
#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define EPOLLIN ((__poll_t)POLLIN)
#define EPOLLOUT ((__poll_t)POLLOUT)
#define EPOLLERR ((__poll_t)POLLERR)
#define EPOLLHUP ((__poll_t)POLLHUP)
#define EPOLLRDNORM ((__poll_t)POLLRDNORM)
#define EPOLLWRNORM ((__poll_t)POLLWRNORM)
typedef struct poll_table_struct {
	unsigned long _key;
} poll_table;
static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	(void)filp;
	(void)wait_address;
	(void)p;
}
#endif
