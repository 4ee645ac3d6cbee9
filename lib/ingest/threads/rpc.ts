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

/** What PendingCalls sends on: a worker or a MessagePort. */
interface CallPort {
  postMessage(value: unknown, transfer?: readonly Transferable[]): void;
  ref(): void;
  unref(): void;
}

/**
 * The calls sent on one port that wait for their answers, by id. The port is referenced while any waits (a script
 * awaiting one must not exit meanwhile) and unreferenced when none does. Used for a worker (ThreadClient) and for
 * the port between the parse and writer threads (parse-thread/direct.ts).
 */
export class PendingCalls {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();

  /** `name`: the thread on the other side, for the error when a message cannot be sent. */
  constructor(
    private readonly port: CallPort,
    private readonly name: string,
  ) {}

  call<T>(message: unknown, transfer: readonly Transferable[] = []): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      if (!this.waiting.size) this.port.ref();
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.port.postMessage({ id, message }, [...transfer]);
      } catch (err) {
        this.waiting.delete(id);
        if (!this.waiting.size) this.port.unref();
        reject(new NotOnThread(`cannot be sent to the ${this.name} thread: ${(err as Error).message}`));
      }
    });
  }

  /** An answer from the other side settles its call. */
  settle(a: Extract<Answer, { id: number }>): void {
    const w = this.waiting.get(a.id);
    if (!w) return;
    this.waiting.delete(a.id);
    if (!this.waiting.size) this.port.unref();
    if (a.ok) w.resolve(a.value);
    else w.reject(a.error.name === "NotOnThread" ? new NotOnThread(a.error.message) : received(a.error));
  }

  /** The other side is gone: every call still waiting fails with `err`. */
  failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}

interface Running {
  worker: Worker;
  calls: PendingCalls;
  generation: number;
  /** The thread's module loaded (its first message says so). */
  ready: boolean;
}

export class ThreadClient<Message extends object> {
  private running: Running | null = null;
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
    return this.thread().calls.call<T>(message, transfer);
  }

  private thread(): Running {
    if (this.running) return this.running;
    // SHARE_ENV: settings read per call (LOUPE_ROLLUPS, say) are the process's, also when set after the start.
    const worker = new Worker(bootFile()!, { name: this.name, env: SHARE_ENV, workerData: { entry: this.entry } });
    const t: Running = { worker, calls: new PendingCalls(worker, this.name), generation: ++this.generations, ready: false };
    worker.unref();
    worker.on("message", (a: Answer) => {
      if ("ready" in a) return void (t.ready = true);
      t.calls.settle(a);
    });
    const fail = (err: Error) => {
      if (this.running === t) this.running = null;
      this.onExit?.();
      // Before its module loaded, the thread ran none of the calls: they (and all later ones) run here.
      if (!t.ready && !this.broken) {
        this.broken = true;
        console.error(`loupe: the ${this.name} thread could not start (${err.message}): its work runs on the server thread`);
      }
      t.calls.failAll(t.ready ? err : new NotOnThread(`the ${this.name} thread could not start: ${err.message}`));
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
