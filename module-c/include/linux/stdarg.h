/* <linux/stdarg.h> - variadic arguments. Same spellings as clang's <stdarg.h>. */
#ifndef _LINUX_STDARG_H
#define _LINUX_STDARG_H

#ifndef _VA_LIST
#define _VA_LIST
typedef __builtin_va_list va_list;
#endif
#ifndef va_arg
#define va_start(ap, param) __builtin_va_start(ap, param)
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#endif
#ifndef va_copy
#define va_copy(dest, src) __builtin_va_copy(dest, src)
#endif

#endif
