// The symbol table of a relocatable wasm object (clang -c): the "linking" custom section of the
// WebAssembly tool conventions (Linking.md: version 2, subsection WASM_SYMBOL_TABLE = 8), as
// llvm-nm reads it. Browser-safe.

export interface ObjectSymbol {
  name: string;
  kind: "function" | "data" | "global" | "section" | "tag" | "table";
  /** defined in this object (not WASM_SYM_UNDEFINED) */
  defined: boolean;
  /** WASM_SYM_BINDING_LOCAL: a static function or variable */
  local: boolean;
  weak: boolean;
}

const KINDS: ObjectSymbol["kind"][] = ["function", "data", "global", "section", "tag", "table"];
const WEAK = 0x1, LOCAL = 0x2, UNDEFINED = 0x10, EXPLICIT_NAME = 0x40;
const SYMBOL_TABLE = 8;

class Reader {
  constructor(readonly b: Uint8Array, public p = 0) {}
  u8(): number {
    if (this.p >= this.b.length) throw new RangeError("truncated wasm object");
    return this.b[this.p++]!;
  }
  u32(): number {
    let n = 0, shift = 0, byte: number;
    do {
      byte = this.u8();
      n += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return n;
  }
  name(): string {
    const len = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.p, this.p + len));
    this.p += len;
    return s;
  }
}

/** The symbols of a wasm object file; throws RangeError on bytes that are not one. */
export function objectSymbols(obj: Uint8Array): ObjectSymbol[] {
  const r = new Reader(obj, 8); // magic + version
  while (r.p < obj.length) {
    const id = r.u8();
    const size = r.u32();
    const end = r.p + size;
    if (id === 0 && r.name() === "linking") return linkingSymbols(new Reader(obj.subarray(r.p, end)));
    r.p = end;
  }
  throw new RangeError("no linking section: not a relocatable wasm object");
}

function linkingSymbols(r: Reader): ObjectSymbol[] {
  r.u32(); // version
  while (r.p < r.b.length) {
    const type = r.u8();
    const size = r.u32();
    const end = r.p + size;
    if (type !== SYMBOL_TABLE) {
      r.p = end;
      continue;
    }
    const out: ObjectSymbol[] = [];
    for (let n = r.u32(); n > 0; n--) {
      const kind = KINDS[r.u8()] ?? "section";
      const flags = r.u32();
      const defined = (flags & UNDEFINED) === 0;
      let name = "";
      if (kind === "data") {
        name = r.name();
        if (defined) r.u32(), r.u32(), r.u32(); // segment index, offset, size
      } else if (kind === "section") {
        r.u32();
      } else {
        r.u32(); // function/global/tag/table index
        if (defined || flags & EXPLICIT_NAME) name = r.name();
      }
      out.push({ name, kind, defined, local: (flags & LOCAL) !== 0, weak: (flags & WEAK) !== 0 });
    }
    return out;
  }
  return [];
}

// clang for wasm32-wasip1 names `int main(int, char **)` __main_argc_argv and `int main(void)`
// __original_main (plus a `main` thunk); wasi-libc's crt1 calls whichever is defined.
const MAIN_NAMES = new Set(["main", "__main_argc_argv", "__original_main"]);

/** The object defines a (non-static) main function: it is a program, not a helper. */
export function definesMain(obj: Uint8Array): boolean {
  return objectSymbols(obj).some((s) => s.kind === "function" && s.defined && !s.local && MAIN_NAMES.has(s.name));
}
