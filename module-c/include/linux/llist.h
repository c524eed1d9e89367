/* <linux/llist.h> - lock-less lists: the structures and the single-threaded operations. */
#ifndef _LINUX_LLIST_H
#define _LINUX_LLIST_H
#include <linux/types.h>
#include <linux/container_of.h>
struct llist_head { struct llist_node *first; };
struct llist_node { struct llist_node *next; };
#define LLIST_HEAD_INIT(name) { NULL }
#define LLIST_HEAD(name) struct llist_head name = LLIST_HEAD_INIT(name)
static inline void init_llist_head(struct llist_head *list) { list->first = NULL; }
static inline bool llist_empty(const struct llist_head *head) { return head->first == NULL; }
static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	new->next = head->first;
	head->first = new;
	return new->next == NULL;
}
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	struct llist_node *first = head->first;
	head->first = NULL;
	return first;
}
#endif
