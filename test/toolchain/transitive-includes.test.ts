// What a module may use without including its header, because Linux 6.1's headers include it for
// them: students rely on it (kmalloc with only <linux/fs.h>, memset with only <linux/module.h>),
// and a module Kbuild builds must build here. Measured with Kbuild (make -C
// /lib/modules/6.1.0-57-amd64/build M=DIR modules): each use below compiled on Linux with only
// the listed includes. (The other direction, uses Linux refuses, is not checked: a stub that
// offers more than Linux only accepts modules Linux's build would have refused.)
import { describe, expect, it } from "vitest";
import { compile, formatDiagnostic } from "../../src/toolchain/index.js";
import { moduleRequest } from "../../src/harness/module-build.js";
import { selectBackend, systemTree } from "../../src/toolchain/node.js";
import { FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

const USES: Record<string, string> = {
  kmalloc: "void *u_kmalloc(void) { return kmalloc(8, GFP_KERNEL); }",
  kzalloc: "void *u_kzalloc(void) { return kzalloc(8, GFP_KERNEL); }",
  kfree: "void u_kfree(void *p) { kfree(p); }",
  kcalloc: "void *u_kcalloc(void) { return kcalloc(2, 8, GFP_KERNEL); }",
  kmalloc_array: "void *u_kma(void) { return kmalloc_array(2, 8, GFP_KERNEL); }",
  copy_from_user: "unsigned long u_cfu(void *d, const void __user *s) { return copy_from_user(d, s, 1); }",
  copy_to_user: "unsigned long u_ctu(void __user *d, const void *s) { return copy_to_user(d, s, 1); }",
  get_user: "int u_gu(const char __user *s) { char c; return get_user(c, s) + c; }",
  put_user: "int u_pu(char __user *s) { return put_user('a', s); }",
  access_ok: "int u_ao(const char __user *s) { return access_ok(s, 1); }",
  memset: "void u_memset(char *p) { memset(p, 0, 4); }",
  memcpy: "void u_memcpy(char *p, const char *q) { memcpy(p, q, 4); }",
  strlen: "unsigned long u_strlen(const char *p) { return strlen(p); }",
  strncpy: "void u_strncpy(char *p, const char *q) { strncpy(p, q, 4); }",
  strcmp: "int u_strcmp(const char *a, const char *b) { return strcmp(a, b); }",
  printk: "void u_printk(void) { printk(KERN_INFO \"x\\n\"); }",
  pr_info: "void u_pr_info(void) { pr_info(\"x\\n\"); }",
  register_chrdev: "int u_rc(const struct file_operations *f) { return register_chrdev(235, \"x\", f); }",
  unregister_chrdev: "void u_uc(void) { unregister_chrdev(235, \"x\"); }",
  iminor: "unsigned u_iminor(struct inode *i) { return iminor(i); }",
  file_inode: "struct inode *u_fi(struct file *f) { return file_inode(f); }",
  MINOR: "unsigned u_minor(dev_t d) { return MINOR(d); }",
  list_add: "void u_list(struct list_head *a, struct list_head *b) { list_add(a, b); }",
  INIT_LIST_HEAD: "void u_ilh(struct list_head *a) { INIT_LIST_HEAD(a); }",
  mutex_lock: "void u_mutex(struct mutex *m) { mutex_lock(m); mutex_unlock(m); }",
  spin_lock: "void u_spin(spinlock_t *l) { spin_lock(l); spin_unlock(l); }",
  EINVAL: "int u_einval(void) { return -EINVAL + -EWOULDBLOCK + -EMSGSIZE + -ENOSPC + -EFAULT + -ENOMEM; }",
  THIS_MODULE: "void *u_tm(void) { return THIS_MODULE; }",
  current: "int u_current(void) { return current->pid; }",
  min: "int u_min(int a, int b) { return min(a, b); }",
  container_of: "struct wrap { int a; struct list_head l; }; struct wrap *u_co(struct list_head *p) { return container_of(p, struct wrap, l); }",
  rb_insert_color: "void u_rb(struct rb_node *n, struct rb_root *r) { rb_insert_color(n, r); }",
  bool: "bool u_bool(void) { return true; }",
};

// includes -> the uses Linux accepted with only them (kstrdup too, but our <linux/string.h> lacks it)
const LINUX_OK: [string[], string[]][] = [
  [["linux/fs.h"], Object.keys(USES)],
  [["linux/module.h", "linux/kernel.h", "linux/fs.h"], Object.keys(USES)],
  [["linux/module.h"], ["memset", "memcpy", "strlen", "strncpy", "strcmp", "printk", "pr_info", "list_add", "INIT_LIST_HEAD",
    "mutex_lock", "spin_lock", "EINVAL", "THIS_MODULE", "current", "min", "container_of", "rb_insert_color", "bool"]],
  [["linux/module.h", "linux/slab.h"], ["kmalloc", "kzalloc", "kfree", "kcalloc", "kmalloc_array", "memset", "memcpy", "strlen",
    "strncpy", "strcmp", "printk", "pr_info", "list_add", "INIT_LIST_HEAD", "mutex_lock", "spin_lock", "EINVAL", "THIS_MODULE",
    "current", "min", "container_of", "rb_insert_color", "bool"]],
];

describe("what Linux 6.1's headers bring in for a module", () => {
  for (const [includes, uses] of LINUX_OK) {
    it(`with only ${includes.join(", ")}`, { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
      const source = includes.map((h) => `#include <${h}>\n`).join("") + uses.map((u) => USES[u]).join("\n") + "\n";
      const r = await compile(moduleRequest({ "message_slot.c": source }, await systemTree("module")), selectBackend());
      const errors = r.diagnostics.filter((d) => d.severity === "error" || d.severity === "fatal error").map(formatDiagnostic);
      expect(errors).toEqual([]);
    });
  }
});
