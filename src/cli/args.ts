// A small argv parser for the subcommands: --flag VALUE / --flag=VALUE
// options, boolean switches, and positional arguments.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ParsedArgs {
  values: Record<string, string | undefined>;
  switches: Set<string>;
  positional: string[];
}

export function parseArgs(argv: string[], spec: { values?: string[]; switches?: string[] }): ParsedArgs {
  const values: Record<string, string | undefined> = {};
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a !== "-") {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (spec.values?.includes(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        values[name] = v;
      } else if (spec.switches?.includes(name) && eq < 0) {
        switches.add(name);
      } else {
        throw new UsageError(`unknown option '${a}'`);
      }
    } else {
      positional.push(a);
    }
  }
  return { values, switches, positional };
}
