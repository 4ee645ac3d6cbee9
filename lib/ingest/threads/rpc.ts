// The server thread's side of a Loupe worker thread: starts it on the first
// call, sends each call as a message and settles it with the thread's answer.
// If the thread dies, every call it held fails, and the next call starts a new
// one (`generation` counts them, so a caller can resend per-thread state).
// The thread is unreferenced while idle: a script never stays alive for it.
import { existsSync } from "node:fs";
import path from "node:path";
import { SHARE_ENV, Worker, type Transferable } from "node:worker_threads";
import { received, type SentError } from "./errors";

export type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SentError } | { ready: true };

/**
 * The call was not done on the thread, and nothing of it was: the caller does it in its own thread instead.
 * Either its message cannot cross (structured clone fails: e.g. JSON nested thousands deep, which the API
 * refuses but the writer accepts from scripts), or the thread could not start (then no call uses it again).
 */
export class NotOnThread extends Error {
  constructor(why: string) {
    super(why);
    this.name = "NotOnThread";
  }
}

// Found from the working directory, not import.meta.url: in the built server this module is a bundled chunk,
// while the thread runs the sources (`npm start` and the tests run from the project root).
let boot: string | null | undefined;
/** The threads' entry file, or null (with a warning, once) when this process is not in the project root. */
export function bootFile(): string | null {
  if (boot === undefined) {
    const file = path.join(process.cwd(), "lib/ingest/threads/boot.mjs");
    boot = existsSync(file) ? file : null;
    if (!boot) console.warn(`loupe: ${file} not found (not started from the project root?): ingestion runs on the server thread`);
  }
  return boot;
}

interface Running {
  worker: Worker;
  waiting: Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>;
  generation: number;
  /** The thread's module loaded (its first message says so). */
  ready: boolean;
}

export class ThreadClient<Message extends object> {
  private running: Running | null = null;
  private seq = 0;
  private generations = 0;
  /** A thread failed before its module loaded: this process does the work itself from then on. */
  broken = false;

  /** `entry`: the thread's module, relative to lib/ingest/threads/; `onExit` runs when a thread stops. */
  constructor(
    private readonly name: string,
    private readonly entry: string,
    private readonly onExit?: () => void,
  ) {}

  /** Which thread a call goes to (changes when one died and another started). */
  get generation(): number {
    return this.thread().generation;
  }

  call<T>(message: Message, transfer: readonly Transferable[] = []): Promise<T> {
    const t = this.thread();
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      // Referenced while a call is on its way: a script awaiting it must not exit meanwhile.
      if (!t.waiting.size) t.worker.ref();
      t.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        t.worker.postMessage({ id, message }, [...transfer]);
      } catch (err) {
        t.waiting.delete(id);
        if (!t.waiting.size) t.worker.unref();
        reject(new NotOnThread(`cannot be sent to the ${this.name} thread: ${(err as Error).message}`));
      }
    });
  }

  private thread(): Running {
    if (this.running) return this.running;
    // SHARE_ENV: settings read per call (LOUPE_ROLLUPS, say) are the process's, also when set after the start.
    const worker = new Worker(bootFile()!, { name: this.name, env: SHARE_ENV, workerData: { entry: this.entry } });
    const t: Running = { worker, waiting: new Map(), generation: ++this.generations, ready: false };
    worker.unref();
    worker.on("message", (a: Answer) => {
      if ("ready" in a) return void (t.ready = true);
      const w = t.waiting.get(a.id);
      if (!w) return;
      t.waiting.delete(a.id);
      if (!t.waiting.size) worker.unref();
      if (a.ok) w.resolve(a.value);
      else w.reject(a.error.name === "NotOnThread" ? new NotOnThread(a.error.message) : received(a.error));
    });
    const fail = (err: Error) => {
      if (this.running === t) this.running = null;
      this.onExit?.();
      // Before its module loaded, the thread ran none of the calls: they (and all later ones) run here.
      if (!t.ready && !this.broken) {
        this.broken = true;
        console.error(`loupe: the ${this.name} thread could not start (${err.message}): its work runs on the server thread`);
      }
      const failure = t.ready ? err : new NotOnThread(`the ${this.name} thread could not start: ${err.message}`);
      for (const w of t.waiting.values()) w.reject(failure);
      t.waiting.clear();
    };
    worker.on("error", (err) => fail(err));
    worker.on("exit", (code) => fail(new Error(`the ${this.name} thread stopped (exit code ${code})`)));
    this.running = t;
    return t;
  }
}

/** The per-process instance of a client (on globalThis: Next evaluates a module once per bundle layer). */
export function shared<C>(key: string, make: () => C): C {
  const g = globalThis as unknown as Record<string, C | undefined>;
  return (g[key] ??= make());
}
