// The parse thread: decodes, validates and maps ingestion request bodies
// (parse-request.ts) off the event loop that serves pages, on the second core;
// on SQLite it also hands their writes to the writer thread itself (direct.ts).
import type { MessagePort } from "node:worker_threads";
import { parseRequest, type ParseRequest } from "../parse-request";
import { serve } from "../threads/serve";
import { connectWriter, parseAndWrite, type DirectRequest } from "./direct";

export type ToParser = ParseRequest | DirectRequest | { file: string; writerPort: MessagePort };

serve((m: ToParser) => {
  if ("writerPort" in m) return connectWriter(m.file, m.writerPort);
  if ("write" in m) return parseAndWrite(m);
  return parseRequest(m);
});
