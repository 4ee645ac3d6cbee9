// The server thread's side of the writer thread (worker.ts): each SQLite
// ingestion write goes there, and its caller is answered when the thread says
// it committed (or failed). If the thread dies, every write it held fails
// (none was acknowledged: answers come only after COMMIT) and the next write
// starts a new thread.
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { turnsFor, writerEnds } from "../../db/sqlite-turns";
import { bootFile, shared, ThreadClient } from "../threads/rpc";
import type { WriteResult } from "../write-batch";
import type { ToWriter, WriteJob } from "./protocol";

/** LOUPE_WRITER_THREAD=off writes SQLite ingestion on the server thread (as before the writer thread). */
export function useWriterThread(): boolean {
  const v = (process.env.LOUPE_WRITER_THREAD ?? "on").toLowerCase();
  return v !== "off" && v !== "0" && v !== "false" && bootFile() !== null && !client().broken;
}

// The files each thread (by generation) has been sent the turns of.
const sentTurns = shared("loupeWriterTurnsSent", () => new Map<string, number>());
const client = () =>
  shared(
    "loupeWriterThread",
    () =>
      new ThreadClient<ToWriter>("loupe-writer", "../writer-thread/worker.ts", () => {
        // A thread that died inside a transaction holds no lock any more (SQLite let go of it): free the turns.
        for (const file of sentTurns.keys()) writerEnds(turnsFor(file));
      }),
  );

function send<T>(file: string, message: { job: WriteJob } | { stats: true } | { connect: MessagePort }): Promise<T> {
  const c = client();
  // A thread's first message for a file carries the file's turns; a new thread gets them again.
  const generation = c.generation;
  const turns = sentTurns.get(file) === generation ? undefined : turnsFor(file);
  sentTurns.set(file, generation);
  return c.call<T>({ file, turns, ...message }, "connect" in message ? [message.connect] : []);
}

/** Which writer thread is running (starting one if none is): a new one after a thread died. */
export function writerGeneration(): number {
  return client().generation;
}

/**
 * A port on which the running writer thread takes jobs for `file` (the turns sent first), for another thread
 * to write through without the server thread in between (parse-thread/direct.ts). It closes when that
 * writer thread stops; `generation` says which one it was.
 */
export async function writerPort(file: string): Promise<{ port: MessagePort }> {
  const { port1, port2 } = new MessageChannel();
  await send(file, { connect: port1 });
  return { port: port2 };
}

/** One ingestion write on the writer thread's handle of `file`; resolves once committed. */
export function writeOnThread(file: string, job: WriteJob): Promise<WriteResult> {
  return send(file, { job });
}

/** The writer thread's group-commit counters on `file` (benchmarks print writes per transaction). */
export function threadGroupStats(file: string): Promise<{ groups: number; writes: number } | undefined> {
  return send(file, { stats: true });
}
