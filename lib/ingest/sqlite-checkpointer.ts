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
// other threads' entry does (threads/rpc.ts), and so does the ingestion
// threads' priority (threads/nice.mjs, beside that entry).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { CHECKPOINT_EVERY_MS } from "../db/sqlite-wal";
import { bootFile } from "./threads/rpc";

const SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const { existsSync } = require("node:fs");
if (workerData.nice) import(workerData.nice).then((m) => m.lowerThisThread(), () => {});
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
    const boot = bootFile();
    const nice = boot ? pathToFileURL(path.join(path.dirname(boot), "nice.mjs")).href : null;
    const worker = new Worker(SOURCE, { eval: true, name: "loupe-checkpointer", workerData: { file, everyMs, nice } });
    // A script never stays alive for it; if it fails, the commits checkpoint as they would without it.
    worker.unref();
    worker.on("error", (err) => console.warn(`loupe: the checkpoint thread for ${file} stopped (${err.message}): commits checkpoint as before`));
    return worker;
  } catch (err) {
    console.warn(`loupe: no checkpoint thread for ${file} (${(err as Error).message}): commits checkpoint as before`);
    return null;
  }
}
