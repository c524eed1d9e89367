/* <asm-generic/int-ll64.h> - fixed-size integers; 64-bit ones are long long. */
#ifndef _ASM_GENERIC_INT_LL64_H
#define _ASM_GENERIC_INT_LL64_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef signed short __s16;
typedef unsigned short __u16;
typedef signed int __s32;
typedef unsigned int __u32;
typedef signed long long __s64;
typedef unsigned long long __u64;

#ifdef __KERNEL__
typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;

#define S8_C(x) x
#define U8_C(x) x##U
#define S16_C(x) x
#define U16_C(x) x##U
#define S32_C(x) x
#define U32_C(x) x##U
#define S64_C(x) x##LL
#define U64_C(x) x##ULL
#endif

#endif
