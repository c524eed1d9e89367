/* <linux/moduleparam.h> - parameters keep their compiled-in values: insmod
 * here takes no arguments. The macros still check that the variable exists. */
#ifndef _LINUX_MODULE_PARAMS_H
#define _LINUX_MODULE_PARAMS_H

#include <linux/compiler.h>
#include <linux/stringify.h>

#define __kern_param_check(var) _Static_assert(sizeof(&(var)) != 0, "module parameter")
#define module_param(name, type, perm) __kern_param_check(name)
#define module_param_named(name, value, type, perm) __kern_param_check(value)
#define module_param_unsafe(name, type, perm) __kern_param_check(name)
#define module_param_array(name, type, nump, perm) __kern_param_check(name)
#define module_param_array_named(name, array, type, nump, perm) __kern_param_check(array)
#define module_param_string(name, string, len, perm) __kern_param_check(string)
#define module_param_cb(name, ops, arg, perm) _Static_assert(1, #name)
#define MODULE_PARM_DESC(_parm, desc) _Static_assert(1, desc)
#define core_param(name, var, type, perm) __kern_param_check(var)

#endif
