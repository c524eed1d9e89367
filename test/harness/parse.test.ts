import { describe, expect, it } from "vitest";
import { parseScenario, ScenarioSyntaxError, parseUlong, parseFd } from "../../src/harness/scenario/parse.js";
import { escapeData } from "../../src/harness/scenario/run.js";

function errors(src: string): string[] {
  try {
    parseScenario("t.scn", src);
  } catch (e) {
    if (e instanceof ScenarioSyntaxError) return e.errors.map((x) => `${x.line}: ${x.message}`);
    throw e;
  }
  return [];
}

describe("scenario parser (scnrun's rules)", () => {
  it("parses every op, trims lines and keeps the text for the echo", () => {
    const s = parseScenario("t.scn", [
      "# comment", "", "  ! insmod /message_slot.ko  ", "A open /dev/slot0 O_RDWR|O_NONBLOCK\r",
      'A write 3 "a\\x00\\n\\"b"', "A write 3 bad 10", "A read 3 kbad 5", "A ioctl 3 MSG_SLOT_CHANNEL 0x10",
      "A ioctl 3 0x14004eb00 18446744073709551615", "A fork B", "B dup 3", "B close -1", "B exit",
    ].join("\n"));
    expect(s.ops.map((o) => o.kind)).toEqual(["shell", "open", "write", "write", "read", "ioctl", "ioctl", "fork", "dup", "close", "exit"]);
    expect(s.ops[0].text).toBe("! insmod /message_slot.ko");
    expect(s.ops[1]).toMatchObject({ text: "A open /dev/slot0 O_RDWR|O_NONBLOCK", flags: 2 | 0o4000 });
    const w = s.ops[2] as { data: Uint8Array };
    expect([...w.data]).toEqual([0x61, 0, 10, 0x22, 0x62]);
    expect(s.ops[6]).toMatchObject({ cmd: 0x14004eb00n, arg: 0xffffffffffffffffn });
    expect(s.procs).toEqual([{ name: "A", parent: -1 }, { name: "B", parent: 0 }]);
  });

  it("reports malformed lines with their line numbers", () => {
    expect(errors("A open /dev/x O_RDWR|O_RDONLY")).toEqual(["1: more than one access mode"]);
    expect(errors("A frobnicate 3")).toEqual(["1: unknown op 'frobnicate'"]);
    expect(errors('\nA write 3 "abc')).toEqual(["2: unterminated string"]);
    expect(errors('A write 3 "\\q"')).toEqual(["1: unknown escape \\q"]);
    expect(errors('A write 3 "\\x4"')).toEqual(["1: \\x needs exactly two hex digits"]);
    expect(errors('A write 3 "a" x')).toEqual(["1: junk after closing quote"]);
    expect(errors("A read 3 1048577")).toEqual(["1: usage: <proc> read <fd> [bad|kbad] <len>  (len <= 1048576)"]);
    expect(errors("A exit\nA close 3")).toEqual(["2: proc A used after exit"]);
    expect(errors("A fork A")).toEqual(["1: fork target A already exists"]);
    expect(errors("bad-name open x O_RDWR")).toEqual(["1: bad proc name 'bad-name' (want [A-Za-z0-9_]{1,31})"]);
    expect(errors("!   ")).toEqual(["1: empty shell command"]);
    expect(errors("A ioctl 3 -1 0")).toEqual(["1: ioctl cmd must be MSG_SLOT_CHANNEL or a number"]);
    expect(errors("A write 3 12")).toEqual(['1: usage: <proc> write <fd> "<data>" | bad|kbad <len>']);
  });

  it("reads numbers like strtoul/strtol", () => {
    expect(parseUlong("0x1F")).toBe(31n);
    expect(parseUlong("010")).toBe(10n);
    expect(parseUlong("0x")).toBeNull();
    expect(parseUlong("+1")).toBeNull();
    expect(parseUlong("18446744073709551616")).toBeNull();
    expect(parseFd("-1")).toBe(-1);
    expect(parseFd("3x")).toBeNull();
  });

  it("escapes read data like print_escaped", () => {
    expect(escapeData(Uint8Array.from([0x41, 0x22, 0x5c, 0x0a, 0x09, 0x0d, 0x00, 0xff, 0x7e, 0x7f]))).toBe('"A\\"\\\\\\n\\t\\x0d\\x00\\xff~\\x7f"');
  });
});
