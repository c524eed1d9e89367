/* <linux/string_helpers.h> - string helpers (lib/string_helpers.c), declared only. */
#ifndef _LINUX_STRING_HELPERS_H
#define _LINUX_STRING_HELPERS_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/string.h>
extern char *kstrdup_quotable(const char *src, gfp_t gfp);
#endif
