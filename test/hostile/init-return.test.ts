// An init that returns a negative number that is no errno: insmod fails with
// an exit status that is a byte, as exit(2) makes it, and says what it got.
import { expect, it } from "vitest";
import { runApplet } from "../../src/harness/busybox.js";
import { boot, dmesg, slotWorks } from "./helpers.js";

it("init returning -100000: insmod fails with status 100000 & 0xff and the number in its message", async () => {
  const { m, env, insmod } = await boot("init_weird");
  expect(insmod).toMatchObject({ status: 100000 & 0xff, stderr: "insmod: can't insert '/init_weird.ko': Unknown error 100000\n" });
  expect(m.kernel.modules.has("init_weird")).toBe(false);
  expect(dmesg(m)).not.toMatch(/BUG|Oops/);
  await slotWorks(m, env);
});

it("every applet's status is a byte; an empty command line does nothing", async () => {
  const { env } = await boot("init_weird");
  expect(runApplet(env, [])).toMatchObject({ status: 0, stdout: "", stderr: "" });
  expect(runApplet(env, ["insmod", "/init_weird.ko"]).status).toBeLessThan(256);
});
