/* <linux/kallsyms.h> - symbol lookup: declared only (not exported to modules in 6.1). */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H
#include <linux/types.h>
#define KSYM_NAME_LEN 512
int sprint_symbol(char *buffer, unsigned long address);
#endif
