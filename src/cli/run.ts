// `msgslot run` and `msgslot shell`: a busybox-like shell on the emulated
// kernel, for one command line, a script, or interactively.

import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { SHELL_HELP } from "../harness/shell/shell.js";
import { parseArgs, UsageError, type ParsedArgs } from "./args.js";
import { setup, SetupError } from "./setup.js";
import { DEFAULT_LIMITS, ShellRunner, type ShellLimits } from "./shell-runner.js";

const COMMON = `Options:
  --module DIR     build the module from DIR/message_slot.c (default: module-c/)
  --programs DIR   also build every DIR/*.c that defines main() as ./NAME
                   (the file name without .c), with DIR's headers; DIR's .c
                   files without main() are linked into each program.
                   ./message_sender and ./message_reader come from the
                   --module directory unless DIR has its own. A program
                   that does not compile is an error (file:line:col)
  --lockup SECONDS a call into the module that has not returned after this
                   long is a soft lockup: the kernel is stopped (default ${DEFAULT_LIMITS.lockupMs / 1000})
  --time-limit SECONDS
                   a command line (a whole script for run) is stopped after
                   this long, e.g. a program that never exits (default ${DEFAULT_LIMITS.timeMs / 1000})
  -h, --help       show this help
`;

const LIMIT_OPTIONS = ["--lockup", "--time-limit"];

/** --lockup and --time-limit, in seconds (UsageError when not a positive number). */
function limitsOf(args: ParsedArgs): ShellLimits {
  const seconds = (name: string, dflt: number): number => {
    const v = args.values[name];
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0)) throw new UsageError(`${name} needs a number of seconds, not '${v}'`);
    return n * 1000;
  };
  return { lockupMs: seconds("--lockup", DEFAULT_LIMITS.lockupMs), timeMs: seconds("--time-limit", DEFAULT_LIMITS.timeMs) };
}

const writeOut = (fd: 1 | 2, data: Uint8Array | string) => (fd === 1 ? process.stdout : process.stderr).write(data);

export const RUN_HELP = `Usage: msgslot run [options] 'COMMAND LINE'
       msgslot run [options] -f SCRIPT      (a file of command lines; - for stdin)

Runs shell commands on a fresh emulated kernel and exits with the status of the
last one, like sh -c. Example:
  msgslot run 'mknod /dev/slot0 c 235 0; insmod; ./message_sender /dev/slot0 4 hello; ./message_reader /dev/slot0 4'

${COMMON}
${SHELL_HELP}`;

export const SHELL_HELP_TEXT = `Usage: msgslot shell [options]

An interactive shell on the emulated kernel (line editing and history); reads
commands from stdin when it is not a terminal. "exit" or Ctrl-D leaves.

${COMMON}
${SHELL_HELP}`;

async function prepare(argv: string[], extra: string[], name: string, help: string) {
  const args = parseArgs(argv, { values: ["--module", "--programs", ...LIMIT_OPTIONS, ...extra] });
  try {
    const s = await setup(args.values["--module"], args.values["--module"], (w) => process.stderr.write(w), args.values["--programs"]);
    return { args, setup: s };
  } catch (e) {
    if (e instanceof SetupError) {
      process.stderr.write(`msgslot ${name}: ${e.message}\n`);
      return null;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`msgslot ${name}: ${e.message}\n\n${help}`);
      return null;
    }
    throw e;
  }
}

export async function runCommand(argv: string[]): Promise<number> {
  let script: string;
  let limits: ShellLimits;
  let prepared;
  try {
    const peek = parseArgs(argv, { values: ["--module", "--programs", ...LIMIT_OPTIONS, "-f"] });
    limits = limitsOf(peek);
    if (peek.values["-f"] === undefined && peek.positional.length === 0) throw new UsageError("no command line given");
    if (peek.values["-f"] !== undefined && peek.positional.length > 0) throw new UsageError("give a command line or -f SCRIPT, not both");
    const f = peek.values["-f"];
    script = f === undefined ? peek.positional.join(" ") : f === "-" ? await readStdin() : await readFile(f, "utf8").catch(() => {
      throw new UsageError(`${f}: No such file or directory`);
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`msgslot run: ${e.message}\n\n${RUN_HELP}`);
    return 2;
  }
  prepared = await prepare(argv, ["-f"], "run", RUN_HELP);
  if (!prepared) return 2;
  const runner = new ShellRunner(prepared.setup, limits, writeOut, process.stdout.isTTY === true);
  try {
    return await runner.run(script);
  } finally {
    runner.close();
  }
}

export async function shellCommand(argv: string[]): Promise<number> {
  let prepared;
  let limits: ShellLimits;
  try {
    const peek = parseArgs(argv, { values: ["--module", "--programs", ...LIMIT_OPTIONS] });
    if (peek.positional.length > 0) throw new UsageError(`unexpected argument '${peek.positional[0]}'`);
    limits = limitsOf(peek);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`msgslot shell: ${e.message}\n\n${SHELL_HELP_TEXT}`);
    return 2;
  }
  prepared = await prepare(argv, [], "shell", SHELL_HELP_TEXT);
  if (!prepared) return 2;
  const runner = new ShellRunner(prepared.setup, limits, writeOut, process.stdout.isTTY === true);
  const interactive = process.stdin.isTTY === true;
  if (interactive) process.stdout.write('msgslot shell on an emulated Linux 6.1 kernel. Type "help" for commands.\n');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, historySize: 500 });
  const prompt = () => interactive && rl.setPrompt("/ # ");
  prompt();
  if (interactive) rl.prompt();
  let status = 0;
  for await (const line of rl) {
    status = await runner.run(line);
    if (runner.exited) break;
    if (interactive) rl.prompt();
  }
  rl.close();
  runner.close();
  return status;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
