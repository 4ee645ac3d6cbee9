// The ingestion threads (parse, writer, checkpoints) run at a lower CPU priority than the server thread, which
// serves the pages: on a machine whose cores ingestion keeps busy, a page then waits less for the CPU, and
// ingestion takes what the pages leave. LOUPE_THREAD_NICE (0–19, default 10; 0 leaves it alone). Linux only: a
// thread's id is the last part of /proc/thread-self, and setpriority takes it; elsewhere nothing changes.
// Plain JavaScript, so both boot.mjs (the TypeScript threads' entry) and the checkpoint thread's evaluated source
// (lib/ingest/sqlite-checkpointer.ts) load the one policy.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** Lowers the calling thread's priority to LOUPE_THREAD_NICE. */
export function lowerThisThread() {
  const nice = Number(process.env.LOUPE_THREAD_NICE ?? 10);
  if (!(Number.isInteger(nice) && nice > 0 && nice <= 19)) return;
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), nice);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}
