// Group commit for the SQLite writer: the ingestion writes that queue while
// one transaction runs share the next one. Each write runs in its own
// SAVEPOINT (a write that fails rolls back alone and its caller gets its
// error; the others go on), and the analytics rollup deltas of all of them
// are summed and upserted once, just before COMMIT — the rollup rows a group
// touches are mostly the same hours and keys, so this is where grouping saves
// most. Every caller is answered only after COMMIT (acknowledged = committed);
// if COMMIT fails, every write of the group fails.
//
// Why it must wait for a group at all: better-sqlite3 is synchronous, so a
// transaction never yields to the event loop. The requests that arrive
// meanwhile are read only when it ends, and each takes a few turns of the loop
// (body, parse, checks) to reach the writer; a flush that started at once
// would take them one by one. So ingestion requests announce themselves when
// they start (announceWrite), and a flush yields to the loop (setImmediate,
// never a timer) while announced writes are still on their way, for at most
// MAX_WAIT_MS: it never waits when nobody else is coming.
//
// A group never yields to the event loop inside its transaction: the other
// connections (Prisma's: the job runner, API key stamps) would then find the
// write lock held and wait for it synchronously (better-sqlite3's busy
// timeout), blocking the very loop that would release it (tried: the job
// runner timed out with P1008 and the server stopped answering).
import type Database from "better-sqlite3";
import { RollupDeltas } from "../analytics/rollups/deltas";
import { applyRollupDeltas } from "../analytics/rollups/apply";
import type { WriteStore } from "./store";

/** At most this many writes per transaction: a caller's wait stays bounded by the group's size. */
export const MAX_GROUP = 16;
/** The longest a flush waits for announced writes still on their way. */
export const MAX_WAIT_MS = 4;

/** Ingestion requests started whose write has not reached the writer yet (or that ended without one). */
let arriving = 0;

export interface Arrival {
  /** The write reached the writer, or the request ended without one; idempotent. */
  done(): void;
}

/** An ingestion request announces its write when it starts, so a group commit about to start waits for it. */
export function announceWrite(): Arrival {
  arriving++;
  let open = true;
  return {
    done() {
      if (!open) return;
      open = false;
      arriving--;
    },
  };
}

/** LOUPE_GROUP_COMMIT_LOG=N: log writes per transaction every N transactions (bench:ingest reads it). */
const LOG_EVERY = Number(process.env.LOUPE_GROUP_COMMIT_LOG ?? 0) || 0;

interface Pending {
  fn: (store: WriteStore) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface GroupWriter {
  db: Database.Database;
  /** The writer's lock: a group holds it for its whole transaction, as any other write does. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** A store on the writer's handle; deferRollups is set per write by the group. */
  store(deferRollups?: WriteStore["deferRollups"]): WriteStore;
  /** Around each transaction (the writer thread takes turns with the process's other connections: lib/db/sqlite-turns.ts). */
  turns?: { begin(): void; end(): void };
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  /** Writes per committed transaction, for the benchmark's report. */
  readonly stats = { groups: 0, writes: 0 };

  constructor(private readonly w: GroupWriter) {}

  submit<T>(fn: (store: WriteStore) => Promise<T>, arrival?: Arrival): Promise<T> {
    arrival?.done();
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || !this.queue.length) return;
    this.scheduled = true;
    void this.w.run(async () => {
      const deadline = performance.now() + MAX_WAIT_MS;
      do await new Promise((r) => setImmediate(r));
      while (arriving > 0 && this.queue.length < MAX_GROUP && performance.now() < deadline);
      this.scheduled = false;
      await this.flush(this.queue.splice(0, MAX_GROUP));
      this.schedule();
    });
  }

  private async flush(group: Pending[]): Promise<void> {
    this.w.turns?.begin();
    try {
      await this.transaction(group);
    } finally {
      this.w.turns?.end();
    }
  }

  private async transaction(group: Pending[]): Promise<void> {
    const { db } = this.w;
    const deltas = new Map<string, RollupDeltas>();
    const done: { p: Pending; value: unknown; deltas: [string, RollupDeltas][] }[] = [];
    db.prepare("BEGIN IMMEDIATE").run();
    try {
      for (const p of group) {
        const mine: [string, RollupDeltas][] = [];
        db.prepare("SAVEPOINT loupe_write").run();
        try {
          const value = await p.fn(this.w.store((projectId, d) => void mine.push([projectId, d])));
          db.prepare("RELEASE loupe_write").run();
          done.push({ p, value, deltas: mine });
        } catch (err) {
          if (!db.inTransaction) {
            // SQLite rolled the whole transaction back (a full disk, say): this write fails; the ones before it
            // committed nothing, so they run again in the next group.
            p.reject(err);
            this.queue.unshift(...done.map((x) => x.p), ...group.slice(group.indexOf(p) + 1));
            return;
          }
          db.prepare("ROLLBACK TO loupe_write").run();
          db.prepare("RELEASE loupe_write").run();
          p.reject(err);
        }
      }
      for (const x of done) for (const [projectId, d] of x.deltas) mergeInto(deltas, projectId, d);
      const store = this.w.store();
      for (const [projectId, d] of deltas) await applyRollupDeltas(store, projectId, d);
      db.prepare("COMMIT").run();
    } catch (err) {
      if (db.inTransaction) db.prepare("ROLLBACK").run();
      for (const x of done) x.p.reject(err);
      return;
    }
    this.stats.groups++;
    this.stats.writes += done.length;
    if (LOG_EVERY && this.stats.groups % LOG_EVERY === 0) console.log(`group commit: ${(this.stats.writes / this.stats.groups).toFixed(2)} writes per transaction over ${this.stats.groups} transactions`);
    for (const x of done) x.p.resolve(x.value);
  }
}

function mergeInto(into: Map<string, RollupDeltas>, projectId: string, d: RollupDeltas) {
  const sum = into.get(projectId);
  if (!sum) into.set(projectId, d);
  else sum.addAll(d);
}
