// The SQLite ingestion writer on its own thread (lib/ingest/writer-thread): a
// reviewer's write through Prisma (scoring, a job's progress) completes while
// ingestion keeps the writer busy, instead of waiting on SQLite's lock until
// the ingestion stops or its busy timeout fails it (P1008); and the page-serving
// event loop keeps turning meanwhile. PostgreSQL has no writer thread: the same
// outcome is checked there too. The writes of the in-process path
// (LOUPE_WRITER_THREAD=off) are checked by group-commit.test.ts.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { dbFor, targets, uid } from "../support/targets";

const batch = (prefix: string, n: number): IngestEvent[] =>
  Array.from({ length: 30 }, (_, i) => {
    const traceId = `${prefix}-${n}-${i}`;
    const at = new Date(Date.UTC(2026, 5, 3, 9, (n + i) % 60));
    return [
      { kind: "trace", id: traceId, name: "chat", timestamp: at, input: { q: "x".repeat(2000) } },
      { kind: "observation", id: `${traceId}-g`, traceId, type: "GENERATION", name: "llm", model: "gpt-4o", startTime: at, endTime: new Date(at.getTime() + 500), usage: { input: 10, output: 5, total: 15 } },
    ] satisfies IngestEvent[];
  }).flat();

describe.each(targets())("the writer thread on $name", (t) => {
  const db = dbFor(t);
  const projectId = uid("writer");

  beforeAll(async () => {
    await db.project.create({ data: { id: projectId, name: "Writer thread" } });
  });

  it("lets a reviewer's writes through while ingestion keeps the writer busy, and the event loop turning", async () => {
    let ingesting = true;
    let batches = 0;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let n = 0; ingesting; n++) {
        await ingestEvents(projectId, batch(`w${w}`, n), db);
        batches++;
      }
    });
    while (batches < 8) await new Promise((r) => setTimeout(r, 10));

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const during: boolean[] = [];
    for (let i = 0; i < 30; i++) {
      await db.score.create({
        data: { projectId, id: `review-${i}`, traceId: "w0-0-0", name: "helpfulness", value: i / 30, dataType: "NUMERIC", source: "ANNOTATION", timestamp: new Date() },
      });
      during.push(ingesting);
    }
    delay.disable();
    ingesting = false;
    await Promise.all(writers);

    expect(await db.score.count({ where: { projectId, name: "helpfulness" } })).toBe(30);
    // Every review landed while ingestion ran: none was starved until the end.
    expect(during.every(Boolean)).toBe(true);
    // No synchronous lock wait held this thread for seconds (better-sqlite3's busy wait would: up to 5 s).
    expect(delay.max / 1e6).toBeLessThan(2_000);
    const stored = await db.trace.count({ where: { projectId } });
    expect(stored).toBe(batches * 30);
  });
});
