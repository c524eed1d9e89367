// A tiny WebAssembly binary writer, for modules no C compiler would emit:
// wrong kinds of exports, unknown imports, traps in the start function.

export type ValType = "i32" | "i64";
const VAL: Record<ValType, number> = { i32: 0x7f, i64: 0x7e };

export interface WasmFunc {
  params: ValType[];
  results: ValType[];
  /** the body's instructions, without the final `end` */
  body: number[];
}

export interface WasmSpec {
  imports?: { module: string; name: string; params: ValType[]; results: ValType[] }[];
  funcs?: WasmFunc[];
  memory?: { min: number; max?: number };
  globals?: { mutable: boolean; value: number }[];
  /** kind: 0 function, 2 memory, 3 global; index counts imported functions first */
  exports?: { name: string; kind: 0 | 2 | 3; index: number }[];
  start?: number;
}

const u32 = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const i32 = (n: number): number[] => {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const str = (s: string) => [...u32(s.length), ...new TextEncoder().encode(s)];
const vec = (items: number[][]) => [...u32(items.length), ...items.flat()];
const section = (id: number, body: number[]) => (body.length ? [id, ...u32(body.length), ...body] : []);

/** Instructions */
export const op = {
  i32: (n: number) => [0x41, ...i32(n)],
  call: (f: number) => [0x10, ...u32(f)],
  drop: [0x1a],
  unreachable: [0x00],
};

export function wasm(spec: WasmSpec): Uint8Array {
  const imports = spec.imports ?? [];
  const funcs = spec.funcs ?? [];
  const types = [...imports, ...funcs].map((f) => [0x60, ...vec(f.params.map((p) => [VAL[p]])), ...vec(f.results.map((r) => [VAL[r]]))]);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types.length ? vec(types) : []),
    ...section(2, imports.length ? vec(imports.map((im, i) => [...str(im.module), ...str(im.name), 0x00, ...u32(i)])) : []),
    ...section(3, funcs.length ? vec(funcs.map((_, i) => u32(imports.length + i))) : []),
    ...section(5, spec.memory ? vec([spec.memory.max === undefined ? [0x00, ...u32(spec.memory.min)] : [0x01, ...u32(spec.memory.min), ...u32(spec.memory.max)]]) : []),
    ...section(6, spec.globals?.length ? vec(spec.globals.map((g) => [0x7f, g.mutable ? 1 : 0, ...op.i32(g.value), 0x0b])) : []),
    ...section(7, spec.exports?.length ? vec(spec.exports.map((e) => [...str(e.name), e.kind, ...u32(e.index)])) : []),
    ...section(8, spec.start !== undefined ? u32(spec.start) : []),
    ...section(10, funcs.length ? vec(funcs.map((f) => {
      const body = [0x00, ...f.body, 0x0b]; // no locals
      return [...u32(body.length), ...body];
    })) : []),
  ];
  return Uint8Array.from(bytes);
}

/** The names a module must export (src/kernel/module-exports.ts), all functions but memory and the two globals. */
export const ENTRY_POINTS = [
  "kern_fops_info", "kern_inode_alloc", "kern_inode_free", "kern_file_alloc", "kern_file_free", "kern_fop_open",
  "kern_fop_read", "kern_fop_write", "kern_fop_ioctl", "kern_fop_release", "kern_file_private_data",
];
