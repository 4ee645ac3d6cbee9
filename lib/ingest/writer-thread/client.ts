// The server thread's side of the writer thread (worker.ts): starts it on the
// first SQLite ingestion write, sends each write, and answers the caller when
// the thread says it committed (or failed: the error comes back with its
// fields, a DomainError as a DomainError, so routes answer as before). If the
// thread dies, every write it held fails (none was acknowledged: answers come
// only after COMMIT) and the next write starts a new thread.
import { existsSync } from "node:fs";
import path from "node:path";
import { SHARE_ENV, Worker } from "node:worker_threads";
import { DomainError, type DomainErrorCode, type Issue } from "../../errors";
import type { WriteResult } from "../write-batch";
import type { FromWriter, SentError, ToWriter, WriteJob } from "./protocol";
import { turnsFor, writerEnds } from "../../db/sqlite-turns";

/** LOUPE_WRITER_THREAD=off writes SQLite ingestion in this thread (as before the writer thread). */
export function useWriterThread(): boolean {
  const v = (process.env.LOUPE_WRITER_THREAD ?? "on").toLowerCase();
  return v !== "off" && v !== "0" && v !== "false" && bootFile() !== null;
}

// Found from the working directory, not import.meta.url: in the built server this module is a bundled chunk,
// while the worker runs the sources (`npm start` and the tests run from the project root).
let boot: string | null | undefined;
function bootFile(): string | null {
  if (boot === undefined) {
    const file = path.join(process.cwd(), "lib/ingest/writer-thread/boot.mjs");
    boot = existsSync(file) ? file : null;
    if (!boot) console.warn(`loupe: ${file} not found (not started from the project root?): SQLite ingestion writes on the server thread`);
  }
  return boot;
}

interface Waiting {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

interface Thread {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** The files this thread has been sent the turns of. */
  files: Set<string>;
}

// On globalThis: Next evaluates this module once per bundle layer, and one process wants one writer thread.
const g = globalThis as unknown as { loupeWriterThread?: Thread | null; loupeWriterSeq?: number };

// SHARE_ENV: settings read per write (LOUPE_ROLLUPS, say) are the process's, also when set after the start.
function thread(): Thread {
  if (g.loupeWriterThread) return g.loupeWriterThread;
  const worker = new Worker(bootFile()!, { name: "loupe-writer", env: SHARE_ENV });
  const t: Thread = { worker, waiting: new Map(), files: new Set() };
  worker.unref();
  worker.once("online", () => console.log("loupe: SQLite ingestion writes run on the writer thread (LOUPE_WRITER_THREAD=off: on the server thread)"));
  worker.on("message", (m: FromWriter) => {
    const w = t.waiting.get(m.id);
    if (!w) return;
    t.waiting.delete(m.id);
    if (!t.waiting.size) worker.unref();
    if (m.ok) w.resolve("result" in m ? m.result : m.stats);
    else w.reject(received(m.error));
  });
  const fail = (err: Error) => {
    if (g.loupeWriterThread === t) g.loupeWriterThread = null;
    // A thread that died inside a transaction holds no lock any more (SQLite let go of it): free the turn.
    for (const file of t.files) writerEnds(turnsFor(file));
    for (const w of t.waiting.values()) w.reject(err);
    t.waiting.clear();
  };
  worker.on("error", (err) => fail(err));
  worker.on("exit", (code) => fail(new Error(`the writer thread stopped (exit code ${code})`)));
  g.loupeWriterThread = t;
  return t;
}

function send<T>(file: string, message: { job: WriteJob } | { stats: true }): Promise<T> {
  const t = thread();
  const id = (g.loupeWriterSeq = (g.loupeWriterSeq ?? 0) + 1);
  // The first message for a file (to this thread) carries the file's turns; a new thread gets them again.
  let turns: Int32Array | undefined;
  if (!t.files.has(file)) {
    turns = turnsFor(file);
    t.files.add(file);
  }
  return new Promise<T>((resolve, reject) => {
    // Referenced while a write is on its way: a script awaiting it must not exit meanwhile.
    if (!t.waiting.size) t.worker.ref();
    t.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    t.worker.postMessage({ id, file, turns, ...message } satisfies ToWriter);
  });
}

/** One ingestion write on the writer thread's handle of `file`; resolves once committed. */
export function writeOnThread(file: string, job: WriteJob): Promise<WriteResult> {
  return send(file, { job });
}

/** The writer thread's group-commit counters on `file` (benchmarks print writes per transaction). */
export function threadGroupStats(file: string): Promise<{ groups: number; writes: number } | undefined> {
  return send(file, { stats: true });
}

function received(e: SentError): Error {
  if (e.name === "DomainError") return new DomainError(e.code as DomainErrorCode, e.message, { path: e.path, issue: e.issue, issues: e.issues as Issue[] | undefined });
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code) err.code = e.code;
  if (e.stack) err.stack = e.stack;
  return err;
}
