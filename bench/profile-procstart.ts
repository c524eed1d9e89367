// node [--cpu-prof] bench/dist/bench/profile-procstart.js [RUNS]: runProgram(message_reader) to
// its exit, RUNS times, as the procstart benchmark does; prints the median ms.
import { USER_BASE, O_RDWR } from "../src/kernel/constants.js";
import { ScriptedMemory } from "../src/kernel/task.js";
import { runProgram } from "../src/wasi/run.js";
import { bootMachine, precompiledModule, precompiledProgram, timeRuns } from "./common.js";

const runs = Number(process.argv[2] ?? 2000);
const { image, channelCmd } = await precompiledModule();
const reader = await precompiledProgram("message_reader");
const m = bootMachine(image);
const mem = new ScriptedMemory(4096);
const w = m.spawn("writer", mem);
const fd = w.open("/dev/slot0", O_RDWR);
w.ioctl(fd, channelCmd, 1);
mem.bytes().set(new TextEncoder().encode("hello"), 0);
if (w.write(fd, USER_BASE, 5) !== 5) throw new Error("write");
const s = timeRuns(runs, 20, () => {
  const r = runProgram({ machine: m, program: reader, argv: ["./message_reader", "/dev/slot0", "1"] });
  if (r.status !== 0 || r.stdout.length !== 5) throw new Error(`message_reader: status ${r.status}`);
});
console.log(`runProgram(message_reader): median ${s.median.toFixed(3)} ms (min ${s.min.toFixed(3)}, max ${s.max.toFixed(3)})`);
