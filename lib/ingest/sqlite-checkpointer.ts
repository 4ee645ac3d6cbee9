// The SQLite writer's WAL checkpoints, on a thread of their own. A checkpoint
// copies the pages the log holds back into the database file and syncs it; the
// connection that commits past wal_autocheckpoint does it inside that commit,
// so the writer thread spent a share of its time copying pages and waiting on
// fsync instead of writing rows. Here a connection of its own runs PASSIVE
// checkpoints every CHECKPOINT_EVERY_MS: they take no lock a writer or a reader
// waits for, and the writer goes on appending meanwhile.
//
// The log restarts from its beginning only when a write begins after a
// checkpoint that caught up with it; under steady ingestion this thread rarely
// catches up exactly, so the writer's own autocheckpoint (sqlite-wal.ts) stays
// as it was: past the threshold its commit checkpoints the little this thread
// left, and the log restarts. The log keeps the same bound.
//
// Plain JavaScript evaluated in the thread (no TypeScript loader, no bundle):
// better-sqlite3 resolves from the working directory, the project root, as the
// other threads' entry does (threads/rpc.ts).
import { Worker } from "node:worker_threads";

/** LOUPE_CHECKPOINT_MS: how often the thread checkpoints (default 250; 0 leaves checkpoints to the committing connection). */
export const CHECKPOINT_EVERY_MS = (() => {
  const n = Number(process.env.LOUPE_CHECKPOINT_MS ?? 250);
  return Number.isInteger(n) && n >= 0 ? n : 250;
})();

const SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const { existsSync, readlinkSync } = require("node:fs");
const { setPriority } = require("node:os");
const nice = Number(process.env.LOUPE_THREAD_NICE ?? 10);
if (Number.isInteger(nice) && nice > 0 && nice <= 19) {
  try { setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), nice); } catch {}
}
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
// A first look at once opens the log and its index beside this very file (SQLite opens them on first use, by name).
try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
const stop = () => { clearInterval(timer); db.close(); parentPort.close(); };
// A file deleted meanwhile (a test's, a benchmark's) ends the thread.
const timer = setInterval(() => {
  if (!existsSync(workerData.file)) return stop();
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.everyMs);
parentPort.on("message", stop);
parentPort.postMessage("ready");
`;

/** Starts checkpointing `file` off this thread; null when turned off or the thread cannot start. */
export function startCheckpointer(file: string, everyMs = CHECKPOINT_EVERY_MS): Worker | null {
  if (!everyMs || file === ":memory:") return null;
  try {
    const worker = new Worker(SOURCE, { eval: true, name: "loupe-checkpointer", workerData: { file, everyMs } });
    // A script never stays alive for it; if it fails, the commits checkpoint as they would without it.
    worker.unref();
    worker.on("error", (err) => console.warn(`loupe: the checkpoint thread for ${file} stopped (${err.message}): commits checkpoint as before`));
    return worker;
  } catch (err) {
    console.warn(`loupe: no checkpoint thread for ${file} (${(err as Error).message}): commits checkpoint as before`);
    return null;
  }
}
