import { describe, expect, it } from "vitest";
import { splitWords, QuoteError } from "../../src/harness/words.js";

describe("splitWords", () => {
  it("splits like sh", () => {
    expect(splitWords("a  b\tc")).toEqual(["a", "b", "c"]);
    expect(splitWords(`./message_sender /dev/slot0 4 'hello world'`)).toEqual(["./message_sender", "/dev/slot0", "4", "hello world"]);
    expect(splitWords(`echo "a \\"q\\" $" x\\ y ''`)).toEqual(["echo", 'a "q" $', "x y", ""]);
  });
  it("rejects an unterminated quote", () => {
    expect(() => splitWords("echo 'abc")).toThrow(QuoteError);
  });
});
