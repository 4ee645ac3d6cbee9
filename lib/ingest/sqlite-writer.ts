// The SQLite ingestion writer's own better-sqlite3 handle on a database file,
// one per file per thread (the writer thread's, writer-thread/, or this
// process's when that is off): prepared statements cached by text — Prisma's
// per-query overhead and re-preparing halved ingestion throughput — and the
// group commit that shares one transaction between the writes queued meanwhile.
// No database client import: the writer thread loads this without Prisma.
import Database from "better-sqlite3";
import { dialectFor } from "../db/sql";
import { mergeSketchText } from "../analytics/rollups/sketch-text";
import { WAL_AUTOCHECKPOINT_PAGES } from "../db/sqlite-wal";
import { GroupCommit, type GroupWriter } from "./group-commit";
import { startCheckpointer } from "./sqlite-checkpointer";
import type { WriteStore } from "./store";

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

export interface SqliteWriter {
  db: Database.Database;
  /** One writer at a time on the handle: requests interleave at awaits, a transaction must not. */
  lock: Mutex;
  group: GroupCommit;
  store(deferRollups?: WriteStore["deferRollups"]): WriteStore;
}

const MAX_STATEMENTS = 300;

/** This thread's writer on `file`, opened on first use (`turns`: the writer thread's, see group-commit.ts). */
export function sqliteWriter(file: string, turns?: GroupWriter["turns"]): SqliteWriter {
  const g = globalThis as unknown as { loupeSqliteWriters?: Map<string, SqliteWriter> };
  const writers = (g.loupeSqliteWriters ??= new Map());
  let w = writers.get(file);
  if (!w) {
    w = openWriter(file, turns);
    writers.set(file, w);
  }
  return w;
}

/** The group-commit counters of this thread's writer on `file`, if it has one. */
export function localGroupStats(file: string): { groups: number; writes: number } | undefined {
  return (globalThis as unknown as { loupeSqliteWriters?: Map<string, SqliteWriter> }).loupeSqliteWriters?.get(file)?.group.stats;
}

function openWriter(file: string, turns?: GroupWriter["turns"]): SqliteWriter {
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("synchronous = NORMAL");
  // Index pages of big tables stay in memory between batches (default is 2 MB).
  db.pragma("cache_size = -131072");
  db.pragma("temp_store = MEMORY");
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  startCheckpointer(file);
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
    query: async (q) => statement(q.sql).all(...q.values.map(toSqlite)) as Record<string, unknown>[],
    exec: async (q) => {
      statement(q.sql).run(...q.values.map(toSqlite));
    },
    insertRows: async (table, cols, rows, tail) => {
      if (!rows.length) return;
      const st = statement(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")}) ${tail}`);
      // The hot path: each row converted in place and bound as an array (no copy, no spread of its columns).
      for (const r of rows) {
        for (let i = 0; i < r.length; i++) {
          const v = r[i];
          if (v instanceof Date || typeof v === "boolean" || v === undefined) r[i] = toSqlite(v);
        }
        st.run(r);
      }
    },
    sketchMergeFunction: true,
    deferRollups,
  });
  return { db, lock, store, group: new GroupCommit({ db, run: (fn) => lock.run(fn), store, turns }) };
}
