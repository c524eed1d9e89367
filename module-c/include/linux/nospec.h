/* <linux/nospec.h> - speculation barriers: array_index_nospec() clamps an index to [0, size). */
#ifndef _LINUX_NOSPEC_H
#define _LINUX_NOSPEC_H
#include <linux/compiler.h>
#define array_index_nospec(index, size) ({ \
	typeof(index) _i = (index); \
	typeof(size) _s = (size); \
	(typeof(_i))(_i < _s ? _i : 0); })
#endif
