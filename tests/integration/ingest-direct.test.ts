// On SQLite the parse thread hands a request's write to the writer thread
// itself (lib/ingest/parse-thread/direct.ts): the events never come back to
// the server thread. Checked in process against the test database: what is
// written and answered, the requests it leaves to the server thread (a score
// naming a config, PostgreSQL), and a writer thread that dies between two
// requests (the next one is written by a new one, connected again).
import { describe, expect, it } from "vitest";
import { parseAndIngest } from "@/lib/ingest/service";
import { dbFor, targets, uid } from "../support/targets";

const bytes = (body: unknown) => new Uint8Array(Buffer.from(JSON.stringify(body)));
const batch = (traceId: string, extra: object[] = []) =>
  bytes({
    batch: [
      { id: uid("ev"), timestamp: new Date().toISOString(), type: "trace-create", body: { id: traceId, name: "direct" } },
      { id: uid("ev"), timestamp: new Date().toISOString(), type: "generation-create", body: { id: `${traceId}-g`, traceId, name: "llm", model: "gpt-4o", startTime: new Date().toISOString() } },
      { id: "bad", timestamp: new Date().toISOString(), type: "no-such-event", body: { traceId } }, // its slot fails alone
      ...extra,
    ],
  });

/** The running writer thread's worker (rpc.ts ThreadClient, per process on globalThis), to make it die. */
function writerWorker(): { terminate(): Promise<number> } | undefined {
  const client = (globalThis as unknown as { loupeWriterThread?: { running: { worker: { terminate(): Promise<number> } } | null } }).loupeWriterThread;
  return client?.running?.worker;
}

describe.each(targets())("direct writes from the parse thread on $name", (t) => {
  const db = dbFor(t);

  it("writes a batch there and answers each slot, or leaves the request to the server thread", async () => {
    const traceId = uid("direct");
    const out = await parseAndIngest(t.projectId, { protocol: "langfuse", body: batch(traceId) }, db);
    if (t.name === "postgresql") {
      // No writer thread: only parsed, for the route to write.
      expect(out.wrote).toBe(false);
      expect(await db.trace.count({ where: { projectId: t.projectId, id: traceId } })).toBe(0);
      return;
    }
    expect(out.wrote).toBe(true);
    if (!out.wrote) return;
    // Committed before the answer: the rows are there.
    expect(await db.observation.count({ where: { projectId: t.projectId, traceId } })).toBe(1);
    expect(await db.trace.findUnique({ where: { projectId_id: { projectId: t.projectId, id: traceId } } })).toMatchObject({ name: "direct" });
    expect(out.slots.map((s) => [s.index, s.ok])).toEqual([[0, true], [1, true], [2, false]]);
    expect(out.stored.sort()).toEqual([0, 1]);
    // The events stayed on the threads: the slots came back without them.
    expect(out.slots.every((s) => !s.ok || s.events.length === 0)).toBe(true);

    // A score naming a score config is checked against it by the server thread first: nothing written here.
    const scored = uid("direct");
    const withConfig = { id: uid("ev"), timestamp: new Date().toISOString(), type: "score-create", body: { id: uid("s"), traceId: scored, name: "q", value: 1, configId: "some-config" } };
    const left = await parseAndIngest(t.projectId, { protocol: "langfuse", body: batch(scored, [withConfig]) }, db);
    expect(left.wrote).toBe(false);
    expect(await db.trace.count({ where: { projectId: t.projectId, id: scored } })).toBe(0);
  });

  it.runIf(t.name === "sqlite")("connects the parse thread to a new writer thread after the old one died", async () => {
    await parseAndIngest(t.projectId, { protocol: "langfuse", body: batch(uid("before")) }, db);
    const worker = writerWorker();
    expect(worker).toBeDefined();
    await worker!.terminate();
    const traceId = uid("after");
    const out = await parseAndIngest(t.projectId, { protocol: "langfuse", body: batch(traceId) }, db);
    expect(out.wrote).toBe(true);
    expect(writerWorker()).toBeDefined();
    expect(writerWorker()).not.toBe(worker);
    expect(await db.observation.count({ where: { projectId: t.projectId, traceId } })).toBe(1);
  });

  it.runIf(t.name === "sqlite")("answers a native trace's conflict (409) from the writer thread as the route would", async () => {
    const traceId = uid("native");
    const tree = (id: string) => bytes({ id, name: "tree", observations: [{ id: `${traceId}-root`, type: "SPAN", name: "root" }] });
    expect((await parseAndIngest(t.projectId, { protocol: "native", body: tree(traceId) }, db)).wrote).toBe(true);
    // The same observation id under another trace: refused, nothing moved.
    await expect(parseAndIngest(t.projectId, { protocol: "native", body: tree(uid("other")) }, db)).rejects.toMatchObject({ name: "DomainError" });
    expect(await db.observation.findFirst({ where: { projectId: t.projectId, id: `${traceId}-root` } })).toMatchObject({ traceId });
  });
});
