/* <linux/stddef.h> for user programs (include/uapi/linux/stddef.h): the struct_group helpers. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H
#ifndef __always_inline
#define __always_inline inline
#endif
#define __struct_group(TAG, NAME, ATTRS, MEMBERS...) \
	union { struct { MEMBERS } ATTRS; struct TAG { MEMBERS } ATTRS NAME; }
#define __DECLARE_FLEX_ARRAY(TYPE, NAME) \
	struct { struct { } __empty_ ## NAME; TYPE NAME[]; }
#endif
