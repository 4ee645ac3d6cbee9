// Backpressure (lib/ingest/admission.ts): past LOUPE_INGEST_MAX_IN_FLIGHT
// ingestion requests in flight, one more is answered 429 with Retry-After at
// once, writes nothing, and the real Langfuse SDK retries it until it is
// stored. The bound is per process and the same code on both databases, so
// this runs one server of its own with a bound of 1, on PostgreSQL: there a
// table lock taken by the test keeps one request waiting in its write (in
// flight) for as long as the test needs, without blocking the server's event
// loop (SQLite's writer would wait synchronously) — no timing luck.
import { Langfuse } from "langfuse";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { databaseTarget } from "@/lib/db/url";
import { startServer, tempPostgres, type RunningServer } from "../support/server";
import { basicAuth, uid } from "../support/targets";

const PROJECT = "busy";
const KEYS = { publicKey: "pk-lf-busy", secretKey: "sk-lf-busy" };

describe("ingestion past its bound", () => {
  let server: RunningServer;
  let db: Db;
  let database: Awaited<ReturnType<typeof tempPostgres>>;

  beforeAll(async () => {
    database = await tempPostgres();
    server = await startServer({
      DATABASE_URL: database.url,
      LOUPE_DEMO: "0",
      LOUPE_INIT_USER_EMAIL: "owner@busy.dev",
      LOUPE_INIT_USER_PASSWORD: "owner-password-1",
      LOUPE_INIT_PROJECT_NAME: "Busy",
      LOUPE_INIT_PROJECT_ID: PROJECT,
      LOUPE_INIT_PUBLIC_KEY: KEYS.publicKey,
      LOUPE_INIT_SECRET_KEY: KEYS.secretKey,
      LOUPE_INGEST_MAX_IN_FLIGHT: "1",
    });
    db = createDb(databaseTarget(database.url));
    // Warm: the route loaded and the key checked once, so a held request takes its slot within settle().
    expect((await post(batch(uid("warm"), 1))).status).toBe(207);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
    await database?.drop();
  });

  /** A batch of `n` traces with a generation each, as the legacy SDK sends it. */
  const batch = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const ts = new Date().toISOString();
      return [
        { id: uid("e"), timestamp: ts, type: "trace-create", body: { id: `${prefix}-${i}`, name: "busy", timestamp: ts, input: "x".repeat(2_000) } },
        { id: uid("e"), timestamp: ts, type: "generation-create", body: { id: `${prefix}-${i}-g`, traceId: `${prefix}-${i}`, model: "gpt-4o", startTime: ts } },
      ];
    }).flat();
  const post = (body: unknown[]) =>
    fetch(`${server.baseUrl}/api/public/ingestion`, {
      method: "POST",
      headers: { authorization: basicAuth(KEYS.publicKey, KEYS.secretKey), "content-type": "application/json" },
      body: JSON.stringify({ batch: body }),
    });

  /**
   * Takes the one slot for as long as the test needs: the trace table is locked against writes (reads go on), a
   * batch is sent and waits in its write for the lock, in flight. release() unlocks it; answered is its status.
   */
  async function holdSlot(prefix: string) {
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query(`BEGIN; LOCK TABLE "Trace" IN SHARE ROW EXCLUSIVE MODE`);
    const answered = post(batch(prefix, 5)).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 300));
    return {
      answered,
      release: async () => {
        await locker.query("COMMIT");
        await locker.end();
      },
    };
  }

  it("answers 429 with Retry-After and the setting's name at once, and writes nothing of the refused batch", async () => {
    const held = await holdSlot(uid("held"));
    const prefixes = Array.from({ length: 4 }, (_, i) => uid(`refused${i}`));
    const responses = await Promise.all(prefixes.map((p) => post(batch(p, 20))));
    expect(responses.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(responses[0].headers.get("retry-after")).toBe("1");
    const body = await responses[0].json();
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toContain("LOUPE_INGEST_MAX_IN_FLIGHT=1");
    for (const p of prefixes) expect(await db.trace.count({ where: { projectId: PROJECT, id: { startsWith: `${p}-` } } })).toBe(0);

    await held.release();
    expect(await held.answered).toBe(207);
    // The slot is free again: each refused batch is taken, whole.
    for (const p of prefixes) expect((await post(batch(p, 20))).status).toBe(207);
    for (const p of prefixes) expect(await db.trace.count({ where: { projectId: PROJECT, id: { startsWith: `${p}-` } } })).toBe(20);
  });

  it("loses nothing when the Langfuse SDK meets 429s: it retries until every trace is stored", async () => {
    const runId = uid("sdk");
    const held = await holdSlot(`${runId}-held`);
    const clients = Array.from({ length: 4 }, () => new Langfuse({ ...KEYS, baseUrl: server.baseUrl, flushAt: 10, fetchRetryCount: 200, fetchRetryDelay: 100 }));
    let retries = 0;
    for (const c of clients) c.on("retry", () => retries++);
    clients.forEach((c, ci) => {
      for (let i = 0; i < 20; i++) {
        const trace = c.trace({ id: `${runId}-${ci}-${i}`, name: "sdk-busy", input: "y".repeat(2_000) });
        trace.generation({ name: "llm", model: "gpt-4o", input: "q", output: "a" });
      }
    });
    const flushed = Promise.all(clients.map((c) => c.shutdownAsync()));
    // While the slot is held every SDK request is refused; then they get through on their retries.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(retries).toBeGreaterThan(0);
    await held.release();
    expect(await held.answered).toBe(207);
    await flushed;
    expect(await db.trace.count({ where: { projectId: PROJECT, id: { startsWith: `${runId}-` }, name: "sdk-busy" } })).toBe(80);
    expect(await db.observation.count({ where: { projectId: PROJECT, traceId: { startsWith: `${runId}-` }, name: "llm" } })).toBe(80);
  });
});
