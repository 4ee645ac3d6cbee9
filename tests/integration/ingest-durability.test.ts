// No acknowledged event is lost when the server is killed (kill -9) mid-ingestion,
// and nothing is half-written: a batch is in the database whole or not at all,
// and the rollups written with it equal a recomputation from the rows that
// survived. On SQLite this is the group commit's promise (a request is
// answered only after the transaction holding its writes commits); on
// PostgreSQL, one transaction per request. Each database gets its own server,
// killed with SIGKILL while 8 clients are sending, then restarted on the same
// database.
import { afterAll, describe, expect, it } from "vitest";
import { rebuildProject } from "@/lib/analytics/rollups/rebuild";
import { createDb, type Db } from "@/lib/db/client";
import { databaseTarget } from "@/lib/db/url";
import { clearRollups, rollupSnapshot } from "../support/rollups";
import { startServer, tempPostgres, tempSqliteUrl, type RunningServer } from "../support/server";
import { basicAuth } from "../support/targets";

const PROJECT = "durable";
const KEYS = { publicKey: "pk-lf-durable", secretKey: "sk-lf-durable" };
const CLIENTS = 8;
const TRACES_PER_BATCH = 10;

const serverEnv = (url: string) => ({
  DATABASE_URL: url,
  LOUPE_DEMO: "0",
  LOUPE_INIT_USER_EMAIL: "owner@durable.dev",
  LOUPE_INIT_USER_PASSWORD: "owner-password-1",
  LOUPE_INIT_PROJECT_NAME: "Durability",
  LOUPE_INIT_PROJECT_ID: PROJECT,
  LOUPE_INIT_PUBLIC_KEY: KEYS.publicKey,
  LOUPE_INIT_SECRET_KEY: KEYS.secretKey,
});

/** A Langfuse batch of traces, each with one generation: `${client}-${n}-${i}`. */
function batch(client: number, n: number) {
  const ts = new Date(Date.UTC(2026, 10, 1, 12, client, n % 60)).toISOString();
  return Array.from({ length: TRACES_PER_BATCH }, (_, i) => {
    const traceId = `t-${client}-${n}-${i}`;
    return [
      { id: `${traceId}-e1`, timestamp: ts, type: "trace-create", body: { id: traceId, name: `pipeline-${i % 3}`, timestamp: ts, userId: `u${client}` } },
      {
        id: `${traceId}-e2`,
        timestamp: ts,
        type: "generation-create",
        body: { id: `${traceId}-g`, traceId, name: "llm", model: i % 2 ? "gpt-4o" : "claude-3", startTime: ts, endTime: ts, usage: { input: 10, output: 5 } },
      },
    ];
  }).flat();
}

/** Sends batches one after another until the server stops answering; returns the trace ids acknowledged whole (207, no errors). */
async function client(baseUrl: string, c: number): Promise<string[]> {
  const acked: string[] = [];
  for (let n = 0; ; n++) {
    try {
      const res = await fetch(`${baseUrl}/api/public/ingestion`, {
        method: "POST",
        headers: { authorization: basicAuth(KEYS.publicKey, KEYS.secretKey), "content-type": "application/json" },
        body: JSON.stringify({ batch: batch(c, n) }),
      });
      const body = await res.json();
      if (res.status !== 207 || body.errors.length) throw new Error(`batch refused: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      for (let i = 0; i < TRACES_PER_BATCH; i++) acked.push(`t-${c}-${n}-${i}`);
    } catch (err) {
      if (err instanceof TypeError) return acked; // the connection died with the server
      throw err;
    }
  }
}

function kill(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    server.process.once("exit", () => resolve());
    process.kill(-server.process.pid!, "SIGKILL");
  });
}

const databases = [
  { name: "sqlite", make: async () => ({ ...tempSqliteUrl(), drop: undefined }) },
  { name: "postgresql", make: async () => ({ ...(await tempPostgres()), cleanup: undefined }) },
].filter((d) => !process.env.LOUPE_TEST_DB || process.env.LOUPE_TEST_DB === d.name);

describe.each(databases)("kill -9 during ingestion on $name", ({ make }) => {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("keeps every acknowledged batch, whole, with rollups equal to a recomputation", async () => {
    const target = await make();
    cleanups.push(() => (target.drop ? target.drop() : target.cleanup?.()));
    const first = await startServer(serverEnv(target.url));
    cleanups.push(() => first.stop());

    const sending = Array.from({ length: CLIENTS }, (_, c) => client(first.baseUrl, c));
    // Kill once a few hundred traces are stored, while every client has a request in flight.
    const watcher: Db = createDb(databaseTarget(target.url));
    for (let waited = 0; (await watcher.trace.count({ where: { projectId: PROJECT } })) < 300 && waited < 30_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await watcher.$disconnect(); // nothing but the restarted server on the file while it recovers
    await kill(first);
    const acked = (await Promise.all(sending)).flat();
    expect(acked.length).toBeGreaterThan(0);

    // Restart on the same database (recovery: SQLite's WAL, PostgreSQL's log), then check.
    const second = await startServer(serverEnv(target.url));
    cleanups.push(() => second.stop());
    const db: Db = createDb(databaseTarget(target.url));
    cleanups.push(() => db.$disconnect());
    const traces = await db.trace.findMany({ where: { projectId: PROJECT }, select: { id: true, observationCount: true } });
    const stored = new Set(traces.map((t) => t.id));
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    // Whole batches only: a stored trace has its generation, and a batch is all ten traces or none.
    expect(traces.filter((t) => t.observationCount !== 1)).toEqual([]);
    expect(await db.observation.count({ where: { projectId: PROJECT } })).toBe(traces.length);
    const perBatch = new Map<string, number>();
    for (const t of traces) perBatch.set(t.id.replace(/-\d+$/, ""), (perBatch.get(t.id.replace(/-\d+$/, "")) ?? 0) + 1);
    expect([...perBatch.values()].filter((n) => n !== TRACES_PER_BATCH)).toEqual([]);

    const maintained = await rollupSnapshot(db, PROJECT);
    await clearRollups(db, PROJECT);
    await rebuildProject(db, PROJECT);
    expect(await rollupSnapshot(db, PROJECT)).toEqual(maintained);
  });
});
