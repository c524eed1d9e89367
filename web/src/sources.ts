// What the page starts with: the reference sources of module-c/ (the editor's tabs) and the
// prebuilt wasm that `npm install` / `npm run build` made from them (wasm/, generated), so the
// terminal works before anything is compiled in the browser.

import messageSlotC from "../../module-c/message_slot.c?raw";
import messageSlotH from "../../module-c/message_slot.h?raw";
import messageSenderC from "../../module-c/message_sender.c?raw";
import messageReaderC from "../../module-c/message_reader.c?raw";
import moduleUrl from "../../wasm/message_slot.wasm?url";
import senderUrl from "../../wasm/message_sender.wasm?url";
import readerUrl from "../../wasm/message_reader.wasm?url";
import type { FixedFile } from "./file-names.js";

export const REFERENCE: Record<FixedFile, string> = {
  "message_slot.c": messageSlotC,
  "message_slot.h": messageSlotH,
  "message_sender.c": messageSenderC,
  "message_reader.c": messageReaderC,
};

/** the programs the page starts with (Build adds the user's: ./tester) */
export const PROGRAMS = ["message_sender", "message_reader"];

export const PREBUILT = {
  module: { url: new URL(moduleUrl, location.href).href },
  programs: {
    message_sender: { url: new URL(senderUrl, location.href).href },
    message_reader: { url: new URL(readerUrl, location.href).href },
  } as Record<string, { url: string }>,
};
