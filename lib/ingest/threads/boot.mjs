// A Loupe worker thread's entry: plain JavaScript, so a worker starts from the
// built server as from a script; it loads the thread's TypeScript module
// (workerData.entry, relative to this folder) with tsx, a runtime dependency
// (`npm start` runs it too).
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";
import { lowerThisThread } from "./nice.mjs";

// Below the server thread that serves the pages (nice.mjs).
lowerThisThread();

await tsImport(workerData.entry, import.meta.url);
