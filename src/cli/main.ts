// The `msgslot` command (Node only): dispatch to a subcommand.

import { scenarioCommand, SCENARIO_HELP } from "./scenario.js";
import { runCommand, shellCommand, RUN_HELP, SHELL_HELP_TEXT } from "./run.js";
import { gradeCommand, GRADE_HELP } from "./grade.js";
import { mergeCommand, MERGE_HELP } from "./merge.js";

export const HELP = `msgslot - run a Linux character-device kernel module, compiled to WebAssembly, on an emulated Linux kernel

Usage: msgslot <command> [options]

Commands:
  scenario [--module DIR] [--out DIR] [--expect DIR] FILE.scn...
        Run scenario scripts (the format of the real-Linux oracle) against the
        module and print each transcript exactly as Linux's runner does.
  run [--module DIR] [--programs DIR] 'COMMAND LINE' | -f SCRIPT
        Run shell commands (insmod, mknod, ./message_sender, ./message_reader,
        dmesg, ...) on a fresh emulated kernel; exit with the last status.
  shell [--module DIR] [--programs DIR]
        An interactive busybox-like shell on the emulated kernel.
  grade [--variant V] [--format text|json|junit] [--out DIR] [--csv FILE] SUBMISSION...
        Grade submissions (directories or .zip files, or a directory of them)
        with the course's key and msgslot's extra checks. --shard I/N grades
        one of N shares of a batch (a CI matrix). --tests DIR adds an
        instructor's tests (--only-tests: only those; --record REFERENCE
        records their expected results from a reference solution).
  merge [--csv OUT] [--junit OUT] [--json OUT] FILE...
        Combine the CSV, JSON and JUnit reports of sharded grade runs.
  help [COMMAND]
        Show this help, or a command's own.

Options:
  -h, --help     show help
  --version      show the version

Examples:
  npx msgslot run 'mknod /dev/slot0 c 235 0; insmod; ./message_sender /dev/slot0 4 hello; ./message_reader /dev/slot0 4'
  npx msgslot scenario conformance/scenarios/01_basic.scn
  npx msgslot scenario --expect conformance/expected conformance/scenarios/*.scn
  npx msgslot scenario --module path/to/student conformance/scenarios/*.scn
`;

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> = {
  scenario: { run: scenarioCommand, help: SCENARIO_HELP },
  run: { run: runCommand, help: RUN_HELP },
  shell: { run: shellCommand, help: SHELL_HELP_TEXT },
  grade: { run: gradeCommand, help: GRADE_HELP },
  merge: { run: mergeCommand, help: MERGE_HELP },
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === "-h" || cmd === "--help") {
    process.stdout.write(HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === "--version") {
    process.stdout.write("msgslot 0.1.0\n");
    return 0;
  }
  if (cmd === "help") {
    const sub = rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    process.stdout.write(sub ? sub.help : HELP);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command) {
    process.stderr.write(`msgslot: unknown command '${cmd}' (see msgslot --help)\n`);
    return 2;
  }
  if (rest.includes("-h") || rest.includes("--help")) {
    process.stdout.write(command.help);
    return 0;
  }
  return command.run(rest);
}
