// What <linux/kernel.h> + <linux/module.h> + <linux/fs.h> (the course example's three headers)
// make visible, as on Linux 6.1. Every verdict below was measured with Kbuild on Debian's
// linux-headers-6.1.0-57 (gcc 12.2): a module using the first group with only these three
// headers builds there (fs.h and module.h pull in rbtree, xarray, idr, semaphore, rwsem,
// completion, rcu, random, slab, gfp's page allocator, uaccess: `gcc -H`), and one using any of the second group fails
// with -Werror=implicit-function-declaration (cdev.h, vmalloc.h, device.h, hashtable.h,
// miscdevice.h, delay.h are not among them).
import { describe, expect, it } from "vitest";
import { buildModule } from "../../src/harness/module-build.js";
import { formatDiagnostic, type Diagnostic } from "../../src/toolchain/index.js";
import { selectBackend, systemTree } from "../../src/toolchain/node.js";
import { FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

const HEAD = "#include <linux/kernel.h>\n#include <linux/module.h>\n#include <linux/fs.h>\nMODULE_LICENSE(\"GPL\");\n";
const TAIL = "\nstatic int __init ms_init(void) { return 0; }\nstatic void __exit ms_exit(void) {}\nmodule_init(ms_init);\nmodule_exit(ms_exit);\n";

async function build(body: string) {
  const r = await buildModule({ "message_slot.c": HEAD + body + TAIL }, await systemTree("module"), selectBackend(), {}, "message_slot", await systemTree("program"));
  const own = (d: Diagnostic) => d.severity !== "note" && !d.file.startsWith("kernel/") && !d.file.startsWith("include/");
  return { ok: r.result.ok, own: r.result.diagnostics.filter(own) };
}

const BUILDS = [
  "void t1(void); void t1(void) { struct rb_root r = RB_ROOT; struct rb_node n; rb_link_node(&n, NULL, &r.rb_node); rb_insert_color(&n, &r); }",
  "void t2(void); void t2(void) { struct xarray x; xa_init(&x); xa_store(&x, 1, NULL, GFP_KERNEL); xa_destroy(&x); }",
  "void t3(void); void t3(void) { struct idr i; struct ida a; idr_init(&i); idr_alloc(&i, NULL, 1, 2, GFP_KERNEL); idr_destroy(&i); ida_init(&a); ida_destroy(&a); }",
  "void t4(void); void t4(void) { struct semaphore s; sema_init(&s, 1); if (down_interruptible(&s)) return; up(&s); }",
  "void t5(void); void t5(void) { struct rw_semaphore s; init_rwsem(&s); down_read(&s); up_read(&s); }",
  "void t6(void); void t6(void) { struct completion c; init_completion(&c); complete(&c); }",
  "void t7(void); void t7(void) { rcu_read_lock(); rcu_read_unlock(); synchronize_rcu(); }",
  "void t8(void); void t8(void) { unsigned int r; get_random_bytes(&r, sizeof(r)); }",
  "void t10(void); void t10(void) { unsigned long p = get_zeroed_page(GFP_KERNEL); free_page(p); p = __get_free_page(GFP_KERNEL); free_pages(p, 0); (void)PAGE_SIZE; }",
  "long t9(const char __user *b); long t9(const char __user *b) { char t[8]; void *p = kzalloc(8, GFP_KERNEL); if (copy_from_user(p, b, 8)) return -EFAULT; kfree(p); p = memdup_user(b, 4); if (IS_ERR(p)) return PTR_ERR(p); kfree(p); return strncpy_from_user(t, b, 8); }",
].join("\n");

// [what, the line that uses it (line 5 of message_slot.c)]
const REFUSED: [string, string][] = [
  ["cdev_init (<linux/cdev.h>)", "void t(struct cdev *c); void t(struct cdev *c) { cdev_init(c, NULL); }"],
  ["vmalloc (<linux/vmalloc.h>)", "void t(void); void t(void) { void *p = vmalloc(8); (void)p; }"],
  ["class_create (<linux/device.h>)", "void t(void); void t(void) { void *c = class_create(THIS_MODULE, \"x\"); (void)c; }"],
  ["hash_init (<linux/hashtable.h>)", "struct hlist_head h[4]; void t(void); void t(void) { hash_init(h); }"],
  ["msleep (<linux/delay.h>)", "void t(void); void t(void) { msleep(1); }"],
];

describe("the course example's three headers bring in what Linux 6.1's do", () => {
  it("rbtree, xarray, idr/ida, semaphore, rwsem, completion, rcu, random, slab, pages, uaccess: builds, as on Linux", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await build(BUILDS);
    expect(r.ok, r.own.map(formatDiagnostic).join("\n")).toBe(true);
    expect(r.own.filter((d) => d.severity === "error")).toEqual([]);
  });
  for (const [what, body] of REFUSED) {
    it(`${what}: refused at its line, as on Linux`, { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
      const r = await build(body);
      expect(r.ok).toBe(false);
      expect(r.own.some((d) => d.severity === "error" && d.file === "message_slot.c" && d.line === 5), r.own.map(formatDiagnostic).join("\n")).toBe(true);
    });
  }
});
