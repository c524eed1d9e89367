// `msgslot merge`: combine the reports of sharded `msgslot grade --shard I/N`
// runs (CSV, JSON, JUnit) into the report one run over the batch writes.

import { readFile, writeFile } from "node:fs/promises";
import { kindOf, MergeError, MERGERS, type MergeInput, type MergeKind } from "../harness/grade/merge.js";
import { parseArgs, UsageError } from "./args.js";

export const MERGE_HELP = `Usage: msgslot merge [--csv OUT.csv] [--junit OUT.xml] [--json OUT.json] FILE...

Combines the reports of sharded runs (msgslot grade --shard I/N) into the one
report a single run over the whole batch writes, entries ordered by
submission name:

  CSV   (grade --csv)            one header (it must be the same in every
                                 input: same variant and tests), the rows
  JSON  (grade --format json)    one array of every results.json object
  JUnit (grade --format junit)   one <testsuites> document with every
                                 <testsuite>, the counts summed

FILE's kind is taken from its extension (.csv, .json, .xml), else from its
content. Each kind found goes to its option's file; when only one kind is
given, it may go to stdout instead.

Options:
  --csv FILE      write the merged CSV here
  --junit FILE    write the merged JUnit XML here
  --json FILE     write the merged JSON array here
  -h, --help      show this help

A submission found in two inputs is an error (shards overlap).

Exit status: 0 merged, 1 an input is missing, malformed, conflicting or
duplicated, 2 usage.

Example (a CI matrix of 4):
  msgslot grade --shard 2/4 --csv scores-2.csv --format junit subs/ > junit-2.xml
  msgslot merge --csv scores.csv --junit junit.xml scores-*.csv junit-*.xml
`;

const OPTION: Record<MergeKind, string> = { csv: "--csv", junit: "--junit", json: "--json" };

export async function mergeCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: Object.values(OPTION) });
    if (args.positional.length === 0) throw new UsageError("no input file given");
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`msgslot merge: ${e.message}\n\nUsage: msgslot merge [--csv OUT.csv] [--junit OUT.xml] [--json OUT.json] FILE...   (msgslot merge --help)\n`);
    return 2;
  }
  const byKind = new Map<MergeKind, MergeInput[]>();
  try {
    for (const file of args.positional) {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new MergeError(`${file}: ${code === "ENOENT" ? "No such file or directory" : code === "EISDIR" ? "is a directory" : (e as Error).message}`);
      }
      const kind = kindOf(file, text);
      byKind.set(kind, [...(byKind.get(kind) ?? []), { file, text }]);
    }
    const kinds = [...byKind.keys()];
    for (const [kind, opt] of Object.entries(OPTION) as [MergeKind, string][]) {
      if (args.values[opt] !== undefined && !byKind.has(kind)) {
        process.stderr.write(`msgslot merge: ${opt} given but no ${kind === "junit" ? "JUnit" : kind.toUpperCase()} input\n`);
        return 2;
      }
    }
    const toStdout = kinds.filter((k) => args.values[OPTION[k]] === undefined);
    if (kinds.length > 1 && toStdout.length > 0) {
      process.stderr.write(`msgslot merge: inputs of several kinds; say where each goes (${toStdout.map((k) => OPTION[k]).join(", ")})\n`);
      return 2;
    }
    // merge everything before writing anything: an error leaves no partial output
    const merged = kinds.map((k) => [k, MERGERS[k](byKind.get(k)!)] as const);
    for (const [kind, text] of merged) {
      const out = args.values[OPTION[kind]];
      if (out === undefined) process.stdout.write(text);
      else await writeFile(out, text);
    }
  } catch (e) {
    if (!(e instanceof MergeError)) throw e;
    process.stderr.write(`msgslot merge: ${e.message}\n`);
    return 1;
  }
  return 0;
}
