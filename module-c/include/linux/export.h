/* <linux/export.h> - one module, nothing to export symbols to. The
 * expansion is a harmless redeclaration so the trailing ';' stays valid. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#define EXPORT_SYMBOL(sym) extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym) extern __typeof__(sym) sym
#define EXPORT_SYMBOL_NS(sym, ns) extern __typeof__(sym) sym
#define EXPORT_SYMBOL_NS_GPL(sym, ns) extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL_FUTURE(sym) extern __typeof__(sym) sym
#define THIS_MODULE (&__this_module)
struct module;
extern struct module __this_module;
#endif
