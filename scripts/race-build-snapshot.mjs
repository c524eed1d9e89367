#!/usr/bin/env node
// node scripts/race-build-snapshot.mjs OUT.json     (after `npm run build`)
// node scripts/race-build-snapshot.mjs --diff A.json B.json
//
// What the race explorer finds with the race build of dist/ (src/toolchain/race-build.ts), on
// every module fixture that builds (the reference, test/races/fixtures, test/fixtures/submissions
// but the endless loop, conformance/students): each distinct module's wasm × the 3 built-in
// scenarios and the 2 of test/races/scenarios, at K = 1, and K = 2 on the race fixtures and the
// reference. Written: schedule and serial-order counts, each report's finding, schedules, and the
// trace, findings and outcome of its replay. A change to the race build should leave it the same:
// take a snapshot before and after the change, then --diff them. Also prints the CPU time of the
// race builds and of the explorations (noisy: compare medians of several runs for speed).
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);

if (args[0] === "--diff") {
  if (args.length !== 3) usage();
  const [a, b] = [JSON.parse(readFileSync(args[1], "utf8")), JSON.parse(readFileSync(args[2], "utf8"))];
  let same = 0, differ = 0;
  for (const mod of new Set([...Object.keys(a), ...Object.keys(b)])) {
    for (const key of new Set([...Object.keys(a[mod] ?? {}), ...Object.keys(b[mod] ?? {})])) {
      if (JSON.stringify(a[mod]?.[key]) === JSON.stringify(b[mod]?.[key])) same++;
      else {
        differ++;
        process.stdout.write(`differs: ${mod}, ${key}\n`);
      }
    }
  }
  process.stdout.write(`${same} explorations the same, ${differ} differ\n`);
  process.exit(differ === 0 ? 0 : 1);
}
if (args.length !== 1 || args[0].startsWith("-")) usage();

const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { buildModuleDir } = await dist("harness/node-build.js");
const { buildForRaces } = await dist("toolchain/race-build.js");
const { parseScenario } = await dist("harness/scenario/parse.js");
const { explore, replaySchedules } = await dist("harness/races/explore.js");
const { formatFinding, formatSchedule, formatTrace } = await dist("harness/races/report.js");
const { BUILTIN_RACES, builtinScenario } = await dist("harness/races/builtin.js");

const subdirs = (d) => readdirSync(join(root, d), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(d, e.name)).sort();
const raceFixtures = subdirs("test/races/fixtures");
const deep = new Set(["module-c", ...raceFixtures]);
const dirs = [
  "module-c",
  ...raceFixtures,
  ...subdirs("test/fixtures/submissions").filter((d) => !d.endsWith("infinite-loop-read")),
  ...subdirs("conformance/students").map((d) => join(d, "module")),
].filter((d) => existsSync(join(root, d, "message_slot.c")));

const scenarios = BUILTIN_RACES.map((r) => builtinScenario(r));
for (const f of readdirSync(join(root, "test/races/scenarios")).filter((f) => f.endsWith(".scn")).sort()) {
  const path = `test/races/scenarios/${f}`;
  scenarios.push(parseScenario(path, readFileSync(join(root, path))));
}

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const out = {};
const seen = new Set();
let buildCpu = 0, exploreCpu = 0, builds = 0, explorations = 0;
for (const dir of dirs) {
  const built = await buildModuleDir(join(root, dir));
  const wasm = built.result.wasm;
  if (!built.image || !wasm) continue; // does not build: nothing to explore
  const hash = createHash("sha256").update(wasm).digest("hex");
  if (seen.has(hash)) continue;
  seen.add(hash);
  let c0 = cpu();
  let race;
  try {
    race = await buildForRaces(wasm);
  } catch (e) {
    out[dir] = { build: `refused: ${e.message}` };
    continue;
  }
  buildCpu += cpu() - c0;
  builds++;
  const target = { image: { name: built.image.name, wasm: await WebAssembly.compile(race), size: wasm.length }, msgSlotChannel: built.msgSlotChannel };
  const res = {};
  for (const k of deep.has(dir) ? [1, 2] : [1]) {
    for (const scn of scenarios) {
      c0 = cpu();
      const r = explore(scn, target, { preemptions: k, budgetSeconds: 1e6 });
      exploreCpu += cpu() - c0;
      explorations++;
      res[`K=${k} ${scn.path}`] = {
        schedules: r.schedules,
        serialOrders: r.serialOrders,
        complete: r.complete,
        atomicityChecked: r.atomicityChecked,
        reports: r.reports.map((rep) => {
          const again = replaySchedules(scn, target, rep.schedules);
          return {
            finding: formatFinding(rep.finding, scn.procs),
            preemptions: rep.preemptions,
            schedules: rep.schedules.map(formatSchedule),
            trace: formatTrace(again.last),
            replayed: again.findings.map((f) => formatFinding(f, scn.procs)),
            outcome: again.last.outcome,
          };
        }),
      };
    }
  }
  out[dir] = res;
  process.stderr.write(".");
}
writeFileSync(args[0], JSON.stringify(out, null, 1) + "\n");
process.stdout.write(`\n${builds} distinct modules, ${explorations} explorations; CPU: race builds ${buildCpu.toFixed(2)} s (the first loads binaryen), explorations ${exploreCpu.toFixed(2)} s\n`);

function usage() {
  process.stderr.write("usage: node scripts/race-build-snapshot.mjs OUT.json | --diff A.json B.json\n");
  process.exit(2);
}
