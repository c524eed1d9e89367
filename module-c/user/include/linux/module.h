/* <linux/module.h> for user programs, as Linux's uapi header (include/uapi/linux/module.h): the
 * flags of finit_module(2) and nothing else. MODULE_LICENSE and friends are kernel-only. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H
#define MODULE_INIT_IGNORE_MODVERSIONS	1
#define MODULE_INIT_IGNORE_VERMAGIC	2
#define MODULE_INIT_COMPRESSED_FILE	4
#endif
