/*
 * module.c - THIS_MODULE. The toolchain passes KBUILD_MODNAME (Kbuild's
 * -DKBUILD_MODNAME="name"); without it the name is "module".
 */
#include <linux/module.h>

struct module __this_module = {
	.state = MODULE_STATE_LIVE,
	.list = LIST_HEAD_INIT(__this_module.list),
	.name = KBUILD_MODNAME,
};
