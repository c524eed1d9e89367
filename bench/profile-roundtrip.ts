// node [--cpu-prof] bench/dist/bench/profile-roundtrip.js [graded|slot|null] [ITERATIONS]: the emulated
// round trip alone, long enough for a CPU profile of the syscall path. Prints the program's own
// ns per pair for each round, then the process's CPU time per pair over the whole run (less
// disturbed by other load on the machine than wall time). graded: the slot in a grade-suite
// Session, every detector on (the benchmark's target row).
import { runProgram } from "../src/wasi/run.js";
import { benchProgram, bootMachine, precompiledModule } from "./common.js";
import { gradedMachine } from "./roundtrip.js";

const mode = process.argv[2] ?? "graded";
const iterations = Number(process.argv[3] ?? "1000000");
const rounds = 3;
const prog = await benchProgram("roundtrip");
const { image } = await precompiledModule();
const machine = mode === "graded" ? gradedMachine(image, prog) : bootMachine(image);
const args = mode !== "null" ? ["slot", String(rounds), String(iterations), "/dev/slot0", "1"] : ["null", String(rounds), String(iterations)];
const cpu0 = process.cpuUsage();
const r = runProgram({ machine, program: prog, argv: ["./roundtrip", ...args] });
const cpu = process.cpuUsage(cpu0);
const out = new TextDecoder().decode(r.stdout);
process.stderr.write(new TextDecoder().decode(r.stderr));
const pairs = rounds * iterations + Math.floor(iterations / 10);
console.log(`${out.trim().split("\n").map((l) => l.split(" ")[0]).join(" ")}  cpu ${(((cpu.user + cpu.system) * 1000) / pairs).toFixed(1)}`);
