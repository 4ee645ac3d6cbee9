// Group commit (SQLite's writer, lib/ingest/group-commit.ts): writes that
// queue together share one transaction, each in its own savepoint. A write
// that fails leaves nothing and fails alone; the others commit, and the
// rollups they summed once before COMMIT equal a recomputation from the rows.
// PostgreSQL has no grouping (one transaction per write): the same outcome is
// checked there too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildProject } from "@/lib/analytics/rollups/rebuild";
import { databaseTarget } from "@/lib/db/url";
import type { IngestEvent } from "@/lib/ingest/events";
import { ingestEvents } from "@/lib/ingest/service";
import { groupCommitStats } from "@/lib/ingest/write";
import { DomainError } from "@/lib/errors";
import { clearRollups, rollupSnapshot } from "../support/rollups";
import { dbFor, targets, uid } from "../support/targets";

const at = (minute: number) => new Date(Date.UTC(2026, 5, 3, 9, minute));

const generation = (id: string, traceId: string, minute: number, model: string): IngestEvent => ({
  kind: "observation",
  id,
  traceId,
  type: "GENERATION",
  name: "llm",
  model,
  startTime: at(minute),
  endTime: new Date(at(minute).getTime() + 900 + minute),
  usage: { input: 10, output: 5, total: 15 },
  cost: { total: 0.002 },
});

const traceWith = (traceId: string, minute: number, model: string): IngestEvent[] => [
  { kind: "trace", id: traceId, name: "chat", timestamp: at(minute), userId: "u1", environment: "production" },
  generation(`${traceId}-gen`, traceId, minute, model),
  { kind: "score", id: `${traceId}-q`, traceId, name: "quality", value: minute / 60, dataType: "NUMERIC", timestamp: at(minute + 1) },
];

// SQLite's writes run on the writer thread by default, and in process with LOUPE_WRITER_THREAD=off: both.
const cases = targets().flatMap((t) => (t.name === "sqlite" ? [{ ...t, writer: "thread" }, { ...t, writer: "off" }] : [{ ...t, writer: "thread" }]));

describe.each(cases)("group commit on $name (writer $writer)", (t) => {
  const db = dbFor(t);
  const projectId = uid("group");
  const sqliteFile = t.name === "sqlite" ? (databaseTarget(t.databaseUrl) as { file: string }).file : undefined;

  const writerBefore = process.env.LOUPE_WRITER_THREAD;
  afterAll(() => {
    if (writerBefore === undefined) delete process.env.LOUPE_WRITER_THREAD;
    else process.env.LOUPE_WRITER_THREAD = writerBefore;
  });

  beforeAll(async () => {
    process.env.LOUPE_WRITER_THREAD = t.writer === "off" ? "off" : "on";
    process.env.LOUPE_ROLLUPS = "on";
    await db.project.create({ data: { id: projectId, name: "Group commit" } });
    await ingestEvents(projectId, traceWith("owner", 0, "gpt-4o"), db);
  });

  it("commits the writes queued together, fails only the one that is refused, and leaves nothing of it", async () => {
    const before = sqliteFile ? { ...(await groupCommitStats(sqliteFile))! } : undefined;
    const ok = Array.from({ length: 5 }, (_, i) => ingestEvents(projectId, traceWith(`ok-${i}`, 5 + i * 7, i % 2 ? "gpt-4o" : "claude-3"), db));
    // Claims the owner trace's generation for another trace: refused (409), with a new trace of its own.
    const refused = ingestEvents(projectId, [...traceWith("refused", 30, "gpt-4o"), generation("owner-gen", "refused", 30, "gpt-4o")], db, {
      refuseMoves: { paths: new Map(), fallback: "observations[0].id" },
    });
    const results = await Promise.allSettled([...ok, refused]);

    expect(results.slice(0, 5).map((r) => r.status)).toEqual(Array(5).fill("fulfilled"));
    const failure = results[5];
    expect(failure.status).toBe("rejected");
    expect((failure as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect(((failure as PromiseRejectedResult).reason as DomainError).code).toBe("conflict");

    const traces = await db.trace.findMany({ where: { projectId }, select: { id: true, observationCount: true }, orderBy: { id: "asc" } });
    expect(traces.map((x) => x.id)).toEqual(["ok-0", "ok-1", "ok-2", "ok-3", "ok-4", "owner"]);
    expect(await db.score.count({ where: { projectId, traceId: "refused" } })).toBe(0);
    expect(await db.observation.count({ where: { projectId, traceId: "refused" } })).toBe(0);

    if (sqliteFile) {
      // The six writes went through fewer transactions than writes (they queued in the same turn of the loop).
      const after = (await groupCommitStats(sqliteFile))!;
      expect(after.writes - before!.writes).toBe(5);
      expect(after.groups - before!.groups).toBeLessThan(5);
    }
  });

  it("keeps the rollups the group summed equal to a recomputation from the rows", async () => {
    // Updates of stored rows, a renamed trace and new traces, all queued together.
    await Promise.all([
      ingestEvents(projectId, [{ kind: "trace", id: "ok-0", name: "renamed", timestamp: at(5) }], db),
      ingestEvents(projectId, [{ kind: "observation", id: "ok-1-gen", traceId: "ok-1", type: "GENERATION", model: "claude-3", startTime: at(12) }], db),
      ingestEvents(projectId, traceWith("late", 50, "gpt-4o"), db),
      ingestEvents(projectId, [{ kind: "score", id: "ok-2-q", traceId: "ok-2", name: "quality", value: 0.99, dataType: "NUMERIC", timestamp: at(20) }], db),
    ]);
    const maintained = await rollupSnapshot(db, projectId);
    expect(maintained.TraceRollup.some((r) => r.includes('"renamed"'))).toBe(true);
    await clearRollups(db, projectId);
    await rebuildProject(db, projectId);
    expect(await rollupSnapshot(db, projectId)).toEqual(maintained);
  });
});
