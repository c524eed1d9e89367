// A tiny busybox-like shell on the emulated machine: the applets of
// busybox.ts, the user programs (./NAME for every program in `programs`:
// message_sender, message_reader, a tester...), `$?`, `help`, `exit`. Output
// and exit statuses follow busybox ash on Linux. A program's system() runs
// its command line in a child shell of this one (as `sh -c`).

import { APPLETS, runApplet, type BusyboxEnv, type ModuleImage } from "../busybox.js";
import { runProgram, type ProgramImage, ProgramLoadError } from "../../wasi/run.js";
import type { Machine } from "../../process/machine.js";
import { expandWord, parseShell, ShellSyntaxError } from "./parse.js";

export interface ShellOptions {
  machine: Machine;
  /** modules insmod can load, by name */
  modules: Map<string, ModuleImage>;
  /** user programs, by file name ("message_sender", "tester"): each runs as ./NAME, `ls .` and
   *  `help` list them */
  programs: Map<string, ProgramImage>;
  /** where output goes: fd 1 or 2 */
  write(fd: 1 | 2, data: Uint8Array | string): void;
  /** environment of the programs (default: none of the host's) */
  env?: string[];
  /** the output is a terminal (programs' stdout line-buffered); default: pipes (fully buffered) */
  terminal?: boolean;
}

const SIGNAL_NAMES: Record<number, string> = { 9: "Killed", 11: "Segmentation fault", 6: "Aborted" };

export const SHELL_HELP = `Commands (busybox on the emulated Linux kernel):
  insmod [FILE.ko]            load the module (bare insmod: the module under test)
  rmmod [NAME]                unload it
  lsmod                       list loaded modules
  mknod PATH c MAJOR MINOR    make a device node, e.g. mknod /dev/slot0 c 235 0
  rm PATH                     remove a node
  ls [-l] [/dev]              list device nodes
  ls .                        list the programs (./NAME)
  cat /proc/devices           registered character devices
  dmesg [-c]                  the kernel log (oops and leak reports too)
  ./message_sender PATH CHANNEL MESSAGE
  ./message_reader PATH CHANNEL
  ./NAME [ARGS]               any user program (ls . lists them); $? is its exit status
  echo ARGS, true, false, echo $?
  help, exit [N]
Lists: cmd1; cmd2   cmd1 && cmd2   cmd1 || cmd2   'quotes' "quotes" \\escapes   # comments
`;

export class Shell {
  /** $? */
  status = 0;
  /** set by `exit` */
  exited = false;
  private readonly env: BusyboxEnv;

  constructor(private readonly opts: ShellOptions) {
    this.env = { machine: opts.machine, modules: opts.modules, programs: () => this.programNames() };
  }

  /** The programs ./NAME runs, sorted. */
  programNames(): string[] {
    return [...this.opts.programs.keys()].sort();
  }

  /** `help`: the commands, then the programs this shell has. */
  help(): string {
    const names = this.programNames();
    return SHELL_HELP + (names.length ? `Programs: ${names.map((n) => `./${n}`).join(" ")}\n` : "Programs: none\n");
  }

  /** Run one line (or a script of lines); returns $? afterwards. */
  execute(input: string): number {
    let commands;
    try {
      commands = parseShell(input);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.opts.write(2, `sh: ${e.message}\n`);
      return (this.status = 2);
    }
    for (const cmd of commands) {
      if (this.exited) break;
      if (cmd.after === "&&" && this.status !== 0) continue;
      if (cmd.after === "||" && this.status === 0) continue;
      const argv = cmd.words.map((w) => expandWord(w, (name) => this.param(name)));
      this.status = this.run(argv);
    }
    return this.status;
  }

  private param(name: string): string {
    if (name === "?") return String(this.status);
    return "";
  }

  private run(argv: string[]): number {
    const [name, ...args] = argv;
    if (name === undefined) return this.status;
    if (name === "help") {
      this.opts.write(1, this.help());
      return 0;
    }
    if (name === "exit") {
      this.exited = true;
      const n = args[0] === undefined ? this.status : Number(args[0]);
      return Number.isInteger(n) ? n & 0xff : 2;
    }
    if (name.includes("/")) return this.runProgram(name, argv);
    if (Object.hasOwn(APPLETS, name)) {
      const r = runApplet(this.env, argv);
      if (r.stdout) this.opts.write(1, r.stdout);
      if (r.stderr) this.opts.write(2, r.stderr);
      return r.status;
    }
    const program = this.opts.programs.has(name);
    this.opts.write(2, `sh: ${name}: not found${program ? ` (did you mean ./${name}?)` : ""}\n`);
    return 127;
  }

  private runProgram(path: string, argv: string[]): number {
    const base = path.slice(path.lastIndexOf("/") + 1);
    const dir = path.slice(0, path.lastIndexOf("/"));
    const program = dir === "." || dir === "" ? this.opts.programs.get(base) : undefined;
    if (!program) {
      this.opts.write(2, `sh: ${path}: not found\n`);
      return 127;
    }
    try {
      const r = runProgram({
        machine: this.opts.machine,
        program,
        argv,
        env: this.opts.env ?? [],
        terminal: this.opts.terminal === true,
        onStdout: (b) => this.opts.write(1, b),
        onStderr: (b) => this.opts.write(2, b),
        // system(3): `sh -c COMMAND`, a child shell with this one's machine and programs
        system: (command) => new Shell(this.opts).execute(command),
      });
      if (r.signal) this.opts.write(2, `${SIGNAL_NAMES[r.signal] ?? `Killed by signal ${r.signal}`}\n`);
      return r.status;
    } catch (e) {
      if (!(e instanceof ProgramLoadError)) throw e;
      this.opts.write(2, `sh: ${path}: ${e.message}\n`);
      return 126;
    }
  }
}
