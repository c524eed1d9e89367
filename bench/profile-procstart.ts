// node [--cpu-prof] bench/dist/bench/profile-procstart.js [RUNS]: runProgram(message_reader) to
// its exit, RUNS times, as the procstart benchmark does; prints the median ms.
import { timeRuns } from "./common.js";
import { readerRun } from "./startup.js";

const runs = Number(process.argv[2] ?? 2000);
const s = timeRuns(runs, 20, await readerRun());
console.log(`runProgram(message_reader): median ${s.median.toFixed(3)} ms (min ${s.min.toFixed(3)}, max ${s.max.toFixed(3)})`);
