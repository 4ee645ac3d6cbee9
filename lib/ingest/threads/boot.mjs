// A Loupe worker thread's entry: plain JavaScript, so a worker starts from the
// built server as from a script; it loads the thread's TypeScript module
// (workerData.entry, relative to this folder) with tsx, a runtime dependency
// (`npm start` runs it too).
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// The ingestion threads (parse, writer) run at a lower CPU priority than the server thread, which serves the
// pages: on a machine whose cores ingestion keeps busy, a page then waits less for the CPU, and ingestion
// takes what the pages leave. LOUPE_THREAD_NICE (0–19, default 10; 0 leaves it alone). Linux only: a thread's
// id is the last part of /proc/thread-self, and setpriority takes it; elsewhere nothing changes.
const nice = Number(process.env.LOUPE_THREAD_NICE ?? 10);
if (Number.isInteger(nice) && nice > 0 && nice <= 19) {
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), nice);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}

await tsImport(workerData.entry, import.meta.url);
