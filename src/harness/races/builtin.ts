// The race explorer's built-in scenarios: what the grader's advisory `concurrency` test and the
// playground's "Explore races" run. Each is a scenario file (../shared/oracle/README.md's
// format): `!` lines run alone and separate the phases whose procs run at once (`! true` is a
// barrier that does nothing).

import { parseScenario, type Scenario } from "../scenario/parse.js";

export interface BuiltinRace {
  name: string;
  /** what it tries, for reports */
  about: string;
  text: string;
}

export const BUILTIN_RACES: readonly BuiltinRace[] = [
  {
    name: "overwrite-while-read",
    about: "B reads channel 1 while A overwrites it",
    text: `! insmod /message_slot.ko
! mknod /dev/slot0 c 235 0
A open /dev/slot0 O_RDWR
A ioctl 3 MSG_SLOT_CHANNEL 1
A write 3 "first message"
! true
A write 3 "second"
B open /dev/slot0 O_RDONLY
B ioctl 3 MSG_SLOT_CHANNEL 1
B read 3 128
`,
  },
  {
    name: "same-channel-writers",
    about: "A and B write a channel nobody used yet at the same time, then A reads it",
    text: `! insmod /message_slot.ko
! mknod /dev/slot0 c 235 0
A open /dev/slot0 O_RDWR
! true
B open /dev/slot0 O_RDWR
! true
A ioctl 3 MSG_SLOT_CHANNEL 7
A write 3 "from A"
B ioctl 3 MSG_SLOT_CHANNEL 7
B write 3 "from B, longer"
A read 3 128
`,
  },
  {
    name: "first-open",
    about: "A and B open a slot nobody opened yet at the same time, then use it",
    text: `! insmod /message_slot.ko
! mknod /dev/slot1 c 235 1
A open /dev/slot1 O_RDWR
A ioctl 3 MSG_SLOT_CHANNEL 1
A write 3 "from A"
B open /dev/slot1 O_RDWR
B ioctl 3 MSG_SLOT_CHANNEL 1
B read 3 128
`,
  },
];

export function builtinScenario(race: BuiltinRace): Scenario {
  return parseScenario(`${race.name}.scn`, Uint8Array.from(race.text, (c) => c.charCodeAt(0) & 0xff));
}
