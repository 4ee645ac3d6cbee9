// The checkpoint thread (lib/ingest/sqlite-checkpointer.ts) on a real SQLite
// file: in WAL mode the database file receives pages only from checkpoints, so
// a writer whose own autocheckpoint is off leaves them all in the log until
// the thread copies them over; and it ends when its file is deleted.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "../../lib/ingest/sqlite-checkpointer";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function walDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "loupe-ckpt-"));
  dirs.push(dir);
  const file = path.join(dir, "db.sqlite");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  return { file, db };
}

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the checkpoint thread", () => {
  it("copies committed pages from the log into the database file while the writer goes on", async () => {
    const { file, db } = walDatabase();
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run("x".repeat(2000));
    })();
    // ~4 MB committed, none of it in the database file yet.
    expect(statSync(file).size).toBeLessThan(100_000);
    const worker = startCheckpointer(file, 20);
    expect(worker).not.toBeNull();
    await until(() => statSync(file).size > 4_000_000);
    // A later commit is checkpointed too, and every row reads back.
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run("y".repeat(2000));
    })();
    await until(() => statSync(file).size > 6_000_000);
    expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 3000 });
    db.close();
    await worker!.terminate();
  });

  it("ends when its database file is deleted", async () => {
    const { file, db } = walDatabase();
    db.close();
    const worker = startCheckpointer(file, 20)!;
    await once(worker, "message"); // its connection is open
    const exited = once(worker, "exit");
    rmSync(file);
    await exited;
  });

  it("is off for an interval of 0 and for an in-memory database", () => {
    expect(startCheckpointer("/nonexistent/db.sqlite", 0)).toBeNull();
    expect(startCheckpointer(":memory:", 20)).toBeNull();
  });
});
