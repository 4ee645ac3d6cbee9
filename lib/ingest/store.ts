// Where the ingestion writer runs its SQL. PostgreSQL: a transaction on the
// writer's own node-postgres pool (pg-writer.ts). SQLite: the writer's own better-sqlite3 handle on the same file
// (sqlite-writer.ts). Both run the same SQL, built once with the `sql` tag (its
// `?` placeholders suit better-sqlite3 as they are).
import { targetOf, type Db } from "../db/client";
import type { Dialect, Sql } from "../db/sql";
import type { RollupDeltas } from "../analytics/rollups/deltas";
import type { Arrival } from "./group-commit";
import { writerTurn } from "../db/sqlite-turns";
import { sqliteWriter } from "./sqlite-writer";
import { withPgWrite } from "./pg-writer";

export type Row = Record<string, unknown>;

export interface WriteStore {
  dialect: Dialect;
  query(q: Sql): Promise<Row[]>;
  exec(q: Sql): Promise<void>;
  /**
   * SQLite only: one statement text (with ? placeholders) run once per row.
   * The hot upserts skip building an Sql object per row and re-hashing its text. The rows are its own to
   * change (their values are converted in place).
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
  const target = targetOf(client);
  if (target.provider === "postgresql") {
    options.arrival?.done();
    return withPgWrite(target.url, fn);
  }
  const conn = sqliteWriter(target.file);
  if (options.group) return conn.group.submit(fn, options.arrival);
  options.arrival?.done();
  return conn.lock.run(async () => {
    // The writer thread, if one writes to this file, waits meanwhile (lib/db/sqlite-turns.ts).
    const release = await writerTurn(target.file);
    conn.db.prepare("BEGIN IMMEDIATE").run();
    try {
      const out = await fn(conn.store());
      conn.db.prepare("COMMIT").run();
      return out;
    } catch (err) {
      if (conn.db.inTransaction) conn.db.prepare("ROLLBACK").run();
      throw err;
    } finally {
      release?.();
    }
  });
}

