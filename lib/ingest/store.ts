// Where the ingestion writer runs its SQL. PostgreSQL: a Prisma interactive
// transaction. SQLite: the writer's own better-sqlite3 handle on the same file,
// with prepared statements cached by text — Prisma's per-query overhead and
// re-preparing halved ingestion throughput there. Both run the same SQL,
// built once with the `sql` tag (its `?` placeholders suit better-sqlite3 as they are).
import Database from "better-sqlite3";
import { dialectOf, targetOf, transaction, type Db } from "../db/client";
import { dialectFor, type Dialect, type Sql } from "../db/sql";
import { mergeSketchText, type RollupDeltas } from "../analytics/rollups/contrib";
import { GroupCommit, type Arrival } from "./group-commit";

export type Row = Record<string, unknown>;

export interface WriteStore {
  dialect: Dialect;
  query(q: Sql): Promise<Row[]>;
  exec(q: Sql): Promise<void>;
  /**
   * SQLite only: one statement text (with ? placeholders) run once per row.
   * The hot upserts skip building an Sql object per row and re-hashing its text.
   */
  execEach?(text: string, rows: unknown[][]): Promise<void>;
  /**
   * Group commit only (SQLite ingestion writes): hands the write's analytics rollup deltas to its group, which
   * sums them over the group's writes and upserts them once before COMMIT (group-commit.ts).
   */
  deferRollups?(projectId: string, deltas: RollupDeltas): void;
}

export interface WriteStoreOptions {
  /**
   * SQLite: share a transaction with the other grouped writes queued meanwhile (group-commit.ts). Only for
   * writes whose reads do not depend on the rollup tables (the ingestion write); the rollup rebuild, which
   * reads them, runs alone.
   */
  group?: boolean;
  /** The request's announcement (group-commit.ts announceWrite): ended when the write reaches the writer. */
  arrival?: Arrival;
}

export async function withWriteStore<T>(client: Db, fn: (store: WriteStore) => Promise<T>, options: WriteStoreOptions = {}): Promise<T> {
  const dialect = dialectOf(client);
  const target = targetOf(client);
  if (target.provider === "postgresql") {
    options.arrival?.done();
    return transaction(client, (tx) =>
      fn({
        dialect,
        query: (q) => tx.$queryRaw<Row[]>(q),
        exec: async (q) => {
          await tx.$executeRaw(q);
        },
      }),
    );
  }
  const conn = sqliteHandle(target.file);
  if (options.group) return conn.group.submit(fn, options.arrival);
  options.arrival?.done();
  // One writer at a time on the handle: requests interleave at awaits, a transaction must not.
  return conn.lock.run(async () => {
    conn.db.prepare("BEGIN IMMEDIATE").run();
    try {
      const out = await fn(conn.store());
      conn.db.prepare("COMMIT").run();
      return out;
    } catch (err) {
      if (conn.db.inTransaction) conn.db.prepare("ROLLBACK").run();
      throw err;
    }
  });
}

/** The group-commit counters of the SQLite writer on `file` (benchmarks print writes per transaction). */
export function groupCommitStats(file: string): { groups: number; writes: number } | undefined {
  return (globalThis as unknown as { loupeSqliteWriters?: Map<string, SqliteHandle> }).loupeSqliteWriters?.get(file)?.group.stats;
}

/** The values better-sqlite3 binds: Dates as epoch ms (lib/db/adapter.ts stores them so), booleans as 0/1. */
function toSqlite(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === undefined) return null;
  return v;
}

class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

interface SqliteHandle {
  db: Database.Database;
  lock: Mutex;
  group: GroupCommit;
  statement(text: string): Database.Statement;
  store(deferRollups?: WriteStore["deferRollups"]): WriteStore;
}

const MAX_STATEMENTS = 300;

function sqliteHandle(file: string): SqliteHandle {
  const g = globalThis as unknown as { loupeSqliteWriters?: Map<string, SqliteHandle> };
  const handles = (g.loupeSqliteWriters ??= new Map());
  let h = handles.get(file);
  if (!h) {
    const db = new Database(file, { timeout: 10_000 });
    db.pragma("synchronous = NORMAL");
    // Index pages of big tables stay in memory between batches (default is 2 MB).
    db.pragma("cache_size = -131072");
    db.pragma("temp_store = MEMORY");
    // The rollup upserts merge sketch columns with it (apply.ts); Prisma's connections use the SQL merge.
    db.function("loupe_sketch_merge", { deterministic: true }, (a, b) => mergeSketchText(String(a), String(b)));
    const cache = new Map<string, Database.Statement>();
    const statement = (text: string) => {
      let st = cache.get(text);
      if (!st) {
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
        st = db.prepare(text);
        cache.set(text, st);
      }
      return st;
    };
    const lock = new Mutex();
    const store = (deferRollups?: WriteStore["deferRollups"]): WriteStore => ({
      dialect: dialectFor("sqlite"),
      query: async (q) => statement(q.sql).all(...q.values.map(toSqlite)) as Row[],
      exec: async (q) => {
        statement(q.sql).run(...q.values.map(toSqlite));
      },
      execEach: async (text, rows) => {
        const st = statement(text);
        for (const r of rows) st.run(...r.map(toSqlite));
      },
      deferRollups,
    });
    h = { db, lock, statement, store, group: new GroupCommit({ db, run: (fn) => lock.run(fn), store }) };
    handles.set(file, h);
  }
  return h;
}
