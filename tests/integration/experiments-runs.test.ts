// The runs list and a run's page on both databases, from hand-made runs with
// known latencies, costs and scores: the exact averages, p95 and totals, the
// run-level scores, the sort orders, the page's rows and its evaluator errors.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { upsertItem } from "@/lib/datasets/items";
import type { IngestEvent } from "@/lib/ingest/events";
import { linkRunItem } from "@/lib/experiments/link";
import { listRunRows } from "@/lib/experiments/run-list";
import { runHeader, runPageItems } from "@/lib/experiments/run-page";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

const T0 = new Date("2026-05-01T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A trace whose one generation took `ms` and cost `cost`, with an output. */
function traceEvents(id: string, ms: number, cost: number, output: unknown): IngestEvent[] {
  return [
    { kind: "trace", id, timestamp: T0, output: output as never },
    { kind: "observation", id: `${id}-gen`, traceId: id, type: "GENERATION", startTime: T0, endTime: at(ms), cost: { total: cost } },
  ];
}

describe.each(targets())("runs list and run page on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let datasetId: string;
  let alice: string;
  const runId: Record<string, string> = {};

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("runs"), alice, db)).id;
    const ds = await createDataset(db, projectId, { name: uid("ds") });
    datasetId = ds.id;
    for (const [id, input, expected] of [["it-1", "2+2", "4"], ["it-2", "3+3", "6"], ["it-3", { q: "5+5" }, { a: 10 }], ["it-4", "x".repeat(1000), "y"]] as const) {
      await upsertItem(db, ds, { id, input, expectedOutput: expected }, alice);
    }
    const version = new Date();

    // v1: four items taking 100..400 ms and costing 0.01..0.04.
    const events: IngestEvent[] = [];
    [100, 200, 300, 400].forEach((ms, i) => events.push(...traceEvents(`tr-v1-${i + 1}`, ms, (i + 1) / 100, `answer ${i + 1}`)));
    const score = (id: string, traceId: string, name: string, value: number | string, dataType: "NUMERIC" | "BOOLEAN" | "CATEGORICAL", ts: Date = at(5000)): IngestEvent => ({ kind: "score", id: `${id}-${t.name}`, traceId, name, value, dataType, timestamp: ts });
    events.push(
      score("a1", "tr-v1-1", "acc", 1, "NUMERIC"),
      score("a2-old", "tr-v1-2", "acc", 1, "NUMERIC", at(1000)),
      score("a2", "tr-v1-2", "acc", 0, "NUMERIC"), // the latest of the name wins
      score("a3", "tr-v1-3", "acc", 1, "NUMERIC"),
      score("a4", "tr-v1-4", "acc", 1, "NUMERIC"),
      score("p1", "tr-v1-1", "pass", 1, "BOOLEAN"),
      score("p2", "tr-v1-2", "pass", 1, "BOOLEAN"),
      score("p3", "tr-v1-3", "pass", 0, "BOOLEAN"),
      score("p4", "tr-v1-4", "pass", 1, "BOOLEAN"),
      score("c1", "tr-v1-1", "tone", "good", "CATEGORICAL"),
      score("c2", "tr-v1-2", "tone", "good", "CATEGORICAL"),
      score("c3", "tr-v1-3", "tone", "bad", "CATEGORICAL"),
    );
    await ingestEvents(projectId, events, db);
    for (let i = 1; i <= 4; i++) {
      const link = await linkRunItem(db, projectId, { runName: "v1", runDescription: "baseline", datasetItemId: `it-${i}`, traceId: `tr-v1-${i}`, datasetVersion: version, createdAt: at(60_000 + i) });
      runId.v1 = link.datasetRunId;
    }
    await ingestEvents(projectId, [
      { kind: "score", id: `run-acc-old-${t.name}`, datasetRunId: runId.v1, name: "accuracy", value: 0.7, dataType: "NUMERIC", timestamp: at(1000) },
      { kind: "score", id: `run-acc-${t.name}`, datasetRunId: runId.v1, name: "accuracy", value: 0.75, dataType: "NUMERIC", timestamp: at(2000) },
    ], db);

    // v2: linked by observation (its duration counts, not the trace's), one trace not arrived yet.
    const v2: IngestEvent[] = [];
    for (const [i, ms] of [[1, 50], [2, 150]] as const) {
      v2.push(
        { kind: "trace", id: `tr-v2-${i}`, timestamp: T0, output: `v2 answer ${i}` },
        { kind: "observation", id: `ob-v2-${i}-root`, traceId: `tr-v2-${i}`, type: "SPAN", startTime: T0, endTime: at(1000) },
        { kind: "observation", id: `ob-v2-${i}`, traceId: `tr-v2-${i}`, parentObservationId: `ob-v2-${i}-root`, type: "GENERATION", startTime: T0, endTime: at(ms), output: `obs answer ${i}`, cost: { total: 0.5 } },
        score(`v2a${i}`, `tr-v2-${i}`, "acc", 1, "NUMERIC"),
      );
    }
    await ingestEvents(projectId, v2, db);
    for (const i of [1, 2]) runId.v2 = (await linkRunItem(db, projectId, { runName: "v2", datasetItemId: `it-${i}`, traceId: `tr-v2-${i}`, observationId: `ob-v2-${i}`, createdAt: at(120_000 + i) })).datasetRunId;
    await linkRunItem(db, projectId, { runName: "v2", datasetItemId: "it-3", traceId: "tr-not-yet", createdAt: at(120_003) });

    // A run with no items yet (made by hand: a link always brings one).
    runId.empty = (await db.datasetRun.create({ data: { projectId, datasetId, name: "empty", createdAt: at(180_000) } })).id;

    // The item changes after v1 ran: v1's page still shows what it was run against.
    await upsertItem(db, ds, { id: "it-1", input: "2+2", expectedOutput: "four" }, alice);

    // An evaluator that failed on v1's second item.
    const ev = await db.evaluator.create({ data: { projectId, name: "json-valid", kind: "JSON_VALID", config: {}, datasetId } });
    const ri2 = await db.datasetRunItem.findFirstOrThrow({ where: { datasetRunId: runId.v1, datasetItemId: "it-2" } });
    await db.evaluatorResult.create({ data: { projectId, evaluatorId: ev.id, targetType: "RUN_ITEM", targetId: ri2.id, datasetRunId: runId.v1, status: "ERROR", error: "output is not JSON" } });
  });

  it("aggregates each run exactly: items, average and p95 latency, average and total cost", async () => {
    const { rows, total } = await listRunRows(db, projectId, datasetId, { page: 1, limit: 50 });
    expect(total).toBe(3);
    const v1 = rows.find((r) => r.name === "v1")!;
    expect(v1).toMatchObject({ itemCount: 4, tracesArrived: 4, description: "baseline" });
    expect(v1.avgLatencyMs).toBeCloseTo(250, 6);
    // 100, 200, 300, 400: h = 0.95 × 3 = 2.85 → 300 + 0.85 × 100
    expect(v1.p95LatencyMs).toBeCloseTo(385, 6);
    expect(v1.avgCost).toBeCloseTo(0.025, 9);
    expect(v1.totalCost).toBeCloseTo(0.1, 9);

    const v2 = rows.find((r) => r.name === "v2")!;
    expect(v2).toMatchObject({ itemCount: 3, tracesArrived: 2 });
    expect(v2.avgLatencyMs).toBeCloseTo(100, 6); // the linked generations (50, 150), not the 1 s traces
    expect(v2.p95LatencyMs).toBeCloseTo(145, 6); // h = 0.95 → 50 + 0.95 × 100
    expect(v2.totalCost).toBeCloseTo(1, 9);

    const empty = rows.find((r) => r.name === "empty")!;
    expect(empty).toMatchObject({ itemCount: 0, avgLatencyMs: null, p95LatencyMs: null, totalCost: null, itemScores: [], runScores: [], lastLinkedAt: null });
  });

  it("averages item scores (latest per name), gives a boolean's pass rate and a category's mode, and reads run-level scores", async () => {
    const { rows } = await listRunRows(db, projectId, datasetId, { page: 1, limit: 50 });
    const v1 = rows.find((r) => r.name === "v1")!;
    expect(v1.itemScores.map((s) => s.name)).toEqual(["acc", "pass", "tone"]);
    const [acc, pass, tone] = v1.itemScores;
    expect(acc).toMatchObject({ dataType: "NUMERIC", count: 4 });
    expect(acc.avg).toBeCloseTo(0.75, 9);
    expect(pass).toMatchObject({ dataType: "BOOLEAN", count: 4 });
    expect(pass.avg).toBeCloseTo(0.75, 9);
    expect(tone).toMatchObject({ dataType: "CATEGORICAL", count: 3, avg: null, top: { category: "good", count: 2 }, categories: [{ category: "good", count: 2 }, { category: "bad", count: 1 }] });
    expect(v1.runScores).toEqual([{ name: "accuracy", dataType: "NUMERIC", value: 0.75, stringValue: null }]);
    const v2 = rows.find((r) => r.name === "v2")!;
    expect(v2.itemScores).toEqual([expect.objectContaining({ name: "acc", count: 2, avg: 1 })]);
    expect(v2.runScores).toEqual([]);
  });

  it("sorts by any figure on the server, a missing figure last either way, and pages", async () => {
    const names = async (sort: { id: string; desc: boolean } | null, page = 1, limit = 50) => (await listRunRows(db, projectId, datasetId, { page, limit, sort })).rows.map((r) => r.name);
    expect(await names(null)).toEqual(["empty", "v2", "v1"]); // newest first
    expect(await names({ id: "createdAt", desc: false })).toEqual(["v1", "v2", "empty"]);
    expect(await names({ id: "avgLatency", desc: false })).toEqual(["v2", "v1", "empty"]);
    expect(await names({ id: "avgLatency", desc: true })).toEqual(["v1", "v2", "empty"]);
    expect(await names({ id: "p95Latency", desc: true })).toEqual(["v1", "v2", "empty"]);
    expect(await names({ id: "totalCost", desc: true })).toEqual(["v2", "v1", "empty"]);
    expect(await names({ id: "itemCount", desc: true })).toEqual(["v1", "v2", "empty"]);
    expect(await names({ id: "item:acc", desc: true })).toEqual(["v2", "v1", "empty"]);
    expect(await names({ id: "item:acc", desc: false })).toEqual(["v1", "v2", "empty"]);
    expect(await names({ id: "run:accuracy", desc: false })).toEqual(["v1", "empty", "v2"]); // the runs without it: newest first
    expect(await names({ id: "name", desc: false })).toEqual(["empty", "v1", "v2"]);
    expect(await names({ id: "bogus", desc: false })).toEqual(["empty", "v2", "v1"]); // unknown: the default
    expect(await names({ id: "avgLatency", desc: false }, 2, 2)).toEqual(["empty"]);
    const { allOldestFirst } = await listRunRows(db, projectId, datasetId, { page: 2, limit: 1 });
    expect(allOldestFirst.map((r) => r.name)).toEqual(["v1", "v2", "empty"]);
  });

  it("pages a run's items in link order with the item as it was run, the output, scores, latency, cost and errors", async () => {
    const first = await runPageItems(db, projectId, runId.v1, { page: 1, limit: 2 });
    expect(first.total).toBe(4);
    expect(first.rows.map((r) => r.datasetItemId)).toEqual(["it-1", "it-2"]);
    const [r1, r2] = first.rows;
    // Run at the version before the change to "four".
    expect(r1).toMatchObject({ inputPreview: "2+2", expectedOutputPreview: "4", outputPreview: "answer 1", traceId: "tr-v1-1", traceArrived: true, errors: [] });
    expect(r1.latencyMs).toBeCloseTo(100, 6);
    expect(r1.totalCost).toBeCloseTo(0.01, 9);
    expect(r1.scores.map((s) => `${s.name}=${s.stringValue ?? s.value}`)).toEqual(["acc=1", expect.stringMatching(/^pass=/), "tone=good"]);
    expect(r2.scores.find((s) => s.name === "acc")?.value).toBe(0);
    expect(r2.errors).toEqual([expect.objectContaining({ evaluatorName: "json-valid", error: "output is not JSON" })]);

    const second = await runPageItems(db, projectId, runId.v1, { page: 2, limit: 2 });
    expect(second.rows.map((r) => r.datasetItemId)).toEqual(["it-3", "it-4"]);
    // JSON as the database prints it (PostgreSQL's jsonb puts a space after the colon).
    expect(second.rows[0].inputPreview).toMatch(/^\{"q": ?"5\+5"\}$/);
    expect(second.rows[0].expectedOutputPreview).toMatch(/^\{"a": ?10\}$/);
    // A long input is a bounded preview.
    expect(second.rows[1].inputPreview!.length).toBeLessThan(500);
    expect(second.rows[1].inputPreview!.endsWith("…")).toBe(true);

    const v2 = await runPageItems(db, projectId, runId.v2, { page: 1, limit: 10 });
    // Not run at a version: the item as it is now.
    expect(v2.rows[0]).toMatchObject({ expectedOutputPreview: "four", outputPreview: "obs answer 1" });
    expect(v2.rows[2]).toMatchObject({ traceId: "tr-not-yet", traceArrived: false, outputPreview: null, latencyMs: null });
  });

  it("gives the run's header its figures, error count and whether it is still filling in", async () => {
    const h = await runHeader(db, projectId, datasetId, runId.v1);
    expect(h).toMatchObject({ name: "v1", description: "baseline", itemCount: 4, errorCount: 1 });
    expect(h.p95LatencyMs).toBeCloseTo(385, 6);
    expect(h.runScores.map((s) => s.name)).toEqual(["accuracy"]);
    const last = Date.parse(h.lastLinkedAt!);
    expect((await runHeader(db, projectId, datasetId, runId.v1, last + 60_000)).live).toBe(true);
    expect((await runHeader(db, projectId, datasetId, runId.v1, last + 10 * 60_000)).live).toBe(false);
    await expect(runHeader(db, projectId, "other-dataset", runId.v1)).rejects.toMatchObject({ code: "not_found" });
  });
});
