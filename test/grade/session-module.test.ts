// Session.module(): the submission's module as the kernel has it now. The grader asks after every
// syscall and keeps the answer until the kernel's module table changes; a module that is gone
// must never be answered (its heap and memory may already serve the next module).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/harness/grade/session.js";
import { VARIANT_INFO } from "../../src/harness/grade/types.js";
import { referenceModule } from "../helpers/modules.js";

describe("Session.module", () => {
  it("is undefined before insmod and after rmmod, and a reloaded module's own after insmod again", async () => {
    const { image } = await referenceModule();
    const s = new Session({ variant: VARIANT_INFO["2023"], loaded: { module: image, programs: new Map() } });
    expect(s.module()).toBeUndefined();
    s.insmod();
    const first = s.module();
    expect(first?.state).toBe("live");
    expect(s.module()).toBe(first);
    expect(s.rmmod()).toBe(0);
    expect(first?.state).toBe("gone");
    expect(s.module()).toBeUndefined();
    s.insmod();
    const second = s.module();
    expect(second?.state).toBe("live");
    expect(second).not.toBe(first);
  });
});
