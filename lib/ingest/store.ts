// Where the ingestion writer runs its SQL. PostgreSQL: a transaction on the
// writer's own node-postgres pool (pg-writer.ts). SQLite: the writer's own better-sqlite3 handle on the same file
// (sqlite-writer.ts). Both run the same SQL, built once with the `sql` tag (its
// `?` placeholders suit better-sqlite3 as they are).
import { targetOf, type Db } from "../db/client";
import { ident, join, raw, sql, type Dialect, type Sql } from "../db/sql";
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
   * `INSERT INTO table (cols) <the rows> <tail>` (tail: the ON CONFLICT clause), the hot upserts' one way in,
   * with one statement text whatever the row count. SQLite: a prepared single-row statement run per row.
   * PostgreSQL: `SELECT * FROM unnest(one array per column)`, prepared once per connection, the values bound as
   * one array per column (a multi-row VALUES cost PostgreSQL a parameter per value to parse and bind: in
   * process, 4 writers, its CPU per observation fell 268 → 210 µs). The rows are the store's to change.
   */
  insertRows(table: string, cols: readonly string[], rows: unknown[][], tail: string): Promise<void>;
  /** The connection has the JS sketch merge `loupe_sketch_merge` (the SQLite writer's handle: sqlite-writer.ts). */
  sketchMergeFunction?: boolean;
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

/**
 * insertRows for a connection without a bulk path of its own (a Prisma transaction: rollup removals): multi-row
 * VALUES, 200 rows per statement. The values go as they are (no JSON casts: the tables written so have none).
 */
export async function insertRowsAsValues(exec: (q: Sql) => Promise<void>, table: string, cols: readonly string[], rows: unknown[][], tail: string) {
  for (let i = 0; i < rows.length; i += 200) {
    const tuples = rows.slice(i, i + 200).map((vs) => sql`(${join(vs.map((v) => sql`${v}`))})`);
    await exec(sql`INSERT INTO ${ident(table)} (${join(cols.map(ident))}) VALUES ${join(tuples)} ${raw(tail)}`);
  }
}
