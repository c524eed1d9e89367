/* <linux/init.h> - __init/__exit markers (no sections to discard here) and
 * module_init()/module_exit(), which <linux/module.h> defines. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define __init
#define __exit
#define __initdata
#define __exitdata
#define __initconst
#define __exit_call
#define __refdata
#define __ref
#define __devinit
#define __devexit
#define __devexit_p(x) x
#define __exit_p(x) x

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#include <linux/module.h>

#endif
