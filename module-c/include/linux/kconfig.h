/* <linux/kconfig.h> - IS_ENABLED() and friends, and the build's identity. */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

/*
 * IS_ENABLED(CONFIG_FOO) is 1 when CONFIG_FOO is defined to 1, else 0, and
 * usable in #if. The trick: pasting the option's value onto a placeholder
 * that only exists for "1" inserts an extra argument, which shifts which
 * argument __kconfig_second() picks.
 */
#define __KCONFIG_ARG_1 0,
#define __kconfig_second(ignored, val, ...) val
#define __kconfig_pick(arg_or_junk) __kconfig_second(arg_or_junk 1, 0)
#define ___is_defined(val) __kconfig_pick(__KCONFIG_ARG_##val)
#define __is_defined(x) ___is_defined(x)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_ENABLED(option) (IS_BUILTIN(option) || IS_MODULE(option))
#define IS_REACHABLE(option) IS_ENABLED(option)

/* Kbuild passes -DKBUILD_MODNAME='"name"'; a build that does not gets this. */
#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "module"
#endif
#ifndef KBUILD_BASENAME
#define KBUILD_BASENAME KBUILD_MODNAME
#endif

/* The emulated machine: one CPU, LP64 as x86-64 (a wasm64 build, lowered), HZ 250. */
#define CONFIG_HZ 250
#define CONFIG_PRINTK 1
#define CONFIG_MODULES 1
#define CONFIG_MODULE_UNLOAD 1

#endif
