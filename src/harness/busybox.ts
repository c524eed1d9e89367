// The busybox applets the emulated machine offers (insmod, rmmod, lsmod,
// mknod, rm, ls, cat, dmesg, ...), with busybox 1.35's messages and exit
// statuses on Linux 6.1. Used by scenario `!` lines and by the shell.

import { strerror } from "../kernel/errno.js";
import { KernelOops } from "../kernel/oops.js";
import type { Machine } from "../process/machine.js";
import { SIGKILL } from "../process/process.js";

/** A compiled module that `insmod <anything>/<name>.ko` loads. */
export interface ModuleImage {
  name: string;
  wasm: WebAssembly.Module;
  size: number;
}

export interface AppletResult {
  /** exit status, or the signal that killed the applet */
  status: number;
  signal?: number;
  stdout: string;
  stderr: string;
}

export interface BusyboxEnv {
  machine: Machine;
  /** modules that insmod can find, by module name */
  modules: Map<string, ModuleImage>;
  /** the user programs in the current directory (`ls .` lists them) */
  programs?: () => string[];
}

type Applet = (env: BusyboxEnv, args: string[]) => AppletResult;

const ok = (stdout = ""): AppletResult => ({ status: 0, stdout, stderr: "" });
const fail = (stderr: string, status = 1): AppletResult => ({ status, stdout: "", stderr });

/** busybox's module name from a path: basename without .ko, '-' as '_' */
function moduleName(arg: string): string {
  const base = arg.slice(arg.lastIndexOf("/") + 1);
  return (base.endsWith(".ko") ? base.slice(0, -3) : base).replace(/-/g, "_");
}

/** An oops inside insmod/rmmod kills the applet (sh shows status 137, scenarios SIG9). */
function asKernelTask(env: BusyboxEnv, comm: string, path: string[], fn: () => number): number | AppletResult {
  const task = env.machine.spawn(comm);
  try {
    return env.machine.kernel.as(task, fn);
  } catch (err) {
    if (!(err instanceof KernelOops)) throw err;
    env.machine.kernel.logOops(err, task, path);
    task.kill(SIGKILL);
    return { status: 128 + SIGKILL, signal: SIGKILL, stdout: "", stderr: "Killed\n" };
  } finally {
    if (task.state === "running") task.exit(0);
  }
}

const insmod: Applet = (env, args) => {
  // msgslot's shell: a bare `insmod` loads the module under test
  const path = args.find((a) => !a.startsWith("-")) ?? defaultModulePath(env);
  if (!path) return fail("BusyBox v1.35.0 multi-call binary.\n\nUsage: insmod FILE [SYMBOL=VALUE]...\n");
  const image = path.endsWith(".ko") ? env.modules.get(moduleName(path)) : undefined;
  if (!image) return fail(`insmod: can't read '${path}': No such file or directory\n`);
  const rc = asKernelTask(env, "insmod", ["do_init_module", "load_module", "__do_sys_finit_module"], () =>
    env.machine.kernel.insmod(image.name, image.wasm, image.size));
  if (typeof rc !== "number") return rc;
  if (rc < 0) return fail(`insmod: can't insert '${path}': ${insmodError(-rc)}\n`, -rc);
  return ok();
};

function defaultModulePath(env: BusyboxEnv): string | undefined {
  return env.modules.size === 1 ? `/${[...env.modules.keys()][0]}.ko` : undefined;
}

// init_module's errors as busybox words them (moderror(); measured on Linux 6.1 with busybox 1.35)
const MODERROR: Record<number, string> = {
  2: "unknown symbol in module, or unknown parameter",
  3: "module has wrong symbol version",
  8: "invalid module format",
};

function insmodError(errno: number): string {
  return MODERROR[errno] ?? strerror(errno);
}

const rmmod: Applet = (env, args) => {
  const names = args.filter((a) => !a.startsWith("-"));
  if (names.length === 0 && env.modules.size === 1) names.push([...env.modules.keys()][0]);
  if (names.length === 0) return fail("BusyBox v1.35.0 multi-call binary.\n\nUsage: rmmod [-wfa] [MODULE]...\n");
  let status = 0;
  let stderr = "";
  for (const arg of names) {
    const name = moduleName(arg);
    const rc = asKernelTask(env, "rmmod", ["__do_sys_delete_module"], () => env.machine.kernel.rmmod(name));
    if (typeof rc !== "number") return rc;
    if (rc < 0) {
      stderr += `rmmod: can't unload module '${name}': ${strerror(-rc)}\n`;
      status = 1;
    }
  }
  return { status, stdout: "", stderr };
};

const lsmod: Applet = (env) => ok(env.machine.kernel.lsmod());

const mknod: Applet = (env, args) => {
  const usage = "BusyBox v1.35.0 multi-call binary.\n\nUsage: mknod [-m MODE] NAME TYPE [MAJOR MINOR]\n";
  const a = args.filter((x) => !x.startsWith("-m"));
  if (a.length !== 4) return fail(usage);
  const [path, type, majS, minS] = a;
  if (type !== "c" && type !== "u") {
    if (type === "b" || type === "p") return fail(`mknod: ${path}: Operation not permitted\n`);
    return fail(usage);
  }
  for (const n of [majS, minS]) {
    if (!/^[0-9]+$/.test(n) || Number(n) > 0xffffffff) return fail(`mknod: invalid number '${n}'\n`);
  }
  const rc = env.machine.kernel.vfs.mknod(path, Number(majS), Number(minS), new Date());
  if (rc < 0) return fail(`mknod: ${path}: ${strerror(-rc)}\n`);
  return ok();
};

const rm: Applet = (env, args) => {
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  let status = 0;
  let stderr = "";
  for (const p of args.filter((a) => !a.startsWith("-"))) {
    if (env.machine.kernel.vfs.isDir(p)) {
      stderr += `rm: '${p}' is a directory\n`;
      status = 1;
    } else if (env.machine.kernel.vfs.unlink(p) < 0 && !force) {
      stderr += `rm: can't remove '${p}': No such file or directory\n`;
      status = 1;
    }
  }
  return { status, stdout: "", stderr };
};

const cat: Applet = (env, args) => {
  let stdout = "";
  let stderr = "";
  let status = 0;
  for (const p of args) {
    if (p === "/proc/devices") stdout += env.machine.kernel.procDevices();
    else if (p === "/proc/modules") stdout += [...env.machine.kernel.modules.values()].map((m) => `${m.name} ${m.size} ${m.refs} - Live 0x00000000 (OE)\n`).join("");
    else if (p === "/proc/sys/kernel/tainted") stdout += `${taintValue(env)}\n`;
    else {
      stderr += `cat: can't open '${p}': No such file or directory\n`;
      status = 1;
    }
  }
  return { status, stdout, stderr };
};

function taintValue(env: BusyboxEnv): number {
  const order = "PFSRMBUDAWCIOELKXT";
  let v = 0;
  for (let i = 0; i < order.length; i++) if (env.machine.kernel.isTainted(order[i])) v |= 1 << i;
  return v;
}

const dmesg: Applet = (env, args) => {
  if (args.includes("-c") || args.includes("-C")) {
    const out = args.includes("-c") ? env.machine.kernel.dmesg.format() : "";
    env.machine.kernel.dmesg.clear();
    return ok(out);
  }
  return ok(env.machine.kernel.dmesg.format());
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const ls: Applet = (env, args) => {
  const long = args.some((a) => /^-[a-zA-Z]*l/.test(a));
  const paths = args.filter((a) => !a.startsWith("-"));
  const vfs = env.machine.kernel.vfs;
  const target = paths[0] ?? "/dev";
  // the current directory holds the user programs (./NAME), nothing else
  if (target === "." || target === "./") return ok(listPrograms(env.programs?.() ?? [], long));
  let nodes;
  if (vfs.isDir(target)) nodes = vfs.list();
  else {
    const n = vfs.lookup(target);
    if (!n) return fail(`ls: ${target}: No such file or directory\n`);
    nodes = [n];
  }
  const show = (n: (typeof nodes)[number]) => (vfs.isDir(target) ? n.name : n.path);
  if (!long) return ok(nodes.map((n) => show(n) + "\n").join(""));
  const lines = nodes.map((n) => {
    const d = n.mtime;
    const when = `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2)} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
    return `crw-r--r--    1 root     root      ${String(n.major).padStart(3)}, ${String(n.minor).padStart(3)} ${when} ${show(n)}\n`;
  });
  return ok(lines.join(""));
};

/** `ls .`: the programs by name (they have no file behind them to show sizes or dates of, so
 *  `ls -l .` lists the names too). */
function listPrograms(names: string[], _long: boolean): string {
  return names.map((n) => n + "\n").join("");
}

export const APPLETS: Record<string, Applet> = {
  insmod,
  rmmod,
  lsmod,
  mknod,
  rm,
  cat,
  dmesg,
  ls,
  true: () => ok(),
  false: () => ({ status: 1, stdout: "", stderr: "" }),
  echo: (_env, args) => ok(args.join(" ") + "\n"),
};

/** Run one simple command (already split into words). Unknown commands exit 127 like sh. */
export function runApplet(env: BusyboxEnv, argv: string[]): AppletResult {
  if (argv.length === 0) return ok();
  const name = argv[0].slice(argv[0].lastIndexOf("/") + 1);
  const applet = Object.hasOwn(APPLETS, name) ? APPLETS[name] : undefined;
  if (!applet) return { status: 127, stdout: "", stderr: `sh: ${argv[0]}: not found\n` };
  const r = applet(env, argv.slice(1));
  // an exit status is a byte (exit(2)): insmod's "errno" from an init returning -100000 included
  return { ...r, status: r.status & 0xff };
}
