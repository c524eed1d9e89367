// Small fake system trees, standing in for module-c/ in tests that must not depend on it.
import type { SourceTree } from "../../src/toolchain/types.js";

/** A minimal libkern: module_init exports init_module; the UBSan handlers -fsanitize needs. */
export const FAKE_KERNEL: SourceTree = {
  "include/linux/module.h": [
    "#ifndef _LINUX_MODULE_H",
    "#define _LINUX_MODULE_H",
    "#define module_init(fn) __attribute__((export_name(\"init_module\"))) int init_module(void) { return fn(); }",
    // as module-c/include/linux/module.h: the license in the custom section "modinfo" (modpost checks it)
    "#define MODULE_LICENSE(x) __asm__(\".section .custom_section.modinfo,\\\"\\\",@\\n\\t.asciz \\\"license=\" x \"\\\"\\n\\t.text\")",
    "#endif",
    "",
  ].join("\n"),
  "include/linux/kernel.h": "#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))\n",
  "kernel/ubsan.c": [
    "void __ubsan_handle_type_mismatch_v1(void *data, void *ptr) { __builtin_trap(); }",
    "void __ubsan_handle_out_of_bounds(void *data, void *index) { __builtin_trap(); }",
    "",
  ].join("\n"),
};

/** A user shim: an extra include dir and a glibc-worded strerror through --wrap. */
export const FAKE_USER: SourceTree = {
  "user/include/msgslot_test.h": "#define GREETING \"hello\"\n",
  "user/strerror.c": [
    "#include <string.h>",
    "char *__real_strerror(int errnum);",
    "char *__wrap_strerror(int errnum) {",
    "  return errnum == 2 ? \"wrapped strerror\" : __real_strerror(errnum);",
    "}",
    "",
  ].join("\n"),
};

/** A tiny valid wasm module: the header only. */
export const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

export const FIRST_COMPILE_TIMEOUT = 60_000;
