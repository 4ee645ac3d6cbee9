// Run items on both databases: the run made or updated by (dataset, runName)
// (and left alone when a link resends the same description and metadata),
// concurrent first links of one run, a link before its trace and after it,
// what the results loader reads, and the link made from an experiment trace
// (create-if-absent: the SDK's own link always wins).
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { upsertItem } from "@/lib/datasets/items";
import { linkRunItem } from "@/lib/experiments/link";
import { loadRunItemResults, loadRunItemResultsByIds } from "@/lib/experiments/results";
import { linkFromTrace } from "@/lib/experiments/trace-links";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

describe.each(targets())("run item links on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let datasetId: string;
  /** 20 more active items, for the concurrent links */
  const many = Array.from({ length: 20 }, (_, i) => `many-${i}`);

  beforeAll(async () => {
    const alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("experiments"), alice, db)).id;
    const ds = await createDataset(db, projectId, { name: uid("ds") });
    datasetId = ds.id;
    await upsertItem(db, ds, { id: "it-1", input: "2+2", expectedOutput: "4" }, alice);
    await upsertItem(db, ds, { id: "it-2", input: "3+3", expectedOutput: "6" }, alice);
    await upsertItem(db, ds, { id: "it-gone", input: "x", status: "ARCHIVED" }, alice);
    for (const id of many) await upsertItem(db, ds, { id, input: id }, alice);
  });

  it("creates the run on the first link and updates its description and metadata later", async () => {
    const a = await linkRunItem(db, projectId, { runName: "r1", runDescription: "first", datasetItemId: "it-1", traceId: "tr-1" });
    const b = await linkRunItem(db, projectId, { runName: "r1", metadata: { model: "m2" }, datasetItemId: "it-2", traceId: "tr-2" });
    expect(b.datasetRunId).toBe(a.datasetRunId);
    expect(a).toMatchObject({ datasetRunName: "r1", datasetItemId: "it-1", traceId: "tr-1", observationId: null });
    const run = await db.datasetRun.findUniqueOrThrow({ where: { id: a.datasetRunId } });
    expect(run).toMatchObject({ datasetId, description: "first", metadata: { model: "m2" } });
  });

  it("refuses an archived or unknown item with a 404 naming it", async () => {
    await expect(linkRunItem(db, projectId, { runName: "r1", datasetItemId: "it-gone", traceId: "x" })).rejects.toMatchObject({ code: "not_found", path: ["datasetItemId"] });
    await expect(linkRunItem(db, projectId, { runName: "r1", datasetItemId: "nope", traceId: "x" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("holds a link made before its trace arrives, and reads the trace once it does", async () => {
    const link = await linkRunItem(db, projectId, { runName: "early", datasetItemId: "it-1", traceId: "tr-late", observationId: "ob-late" });
    let [r] = await loadRunItemResults(db, projectId, [link.datasetRunId], ["it-1"]);
    expect(r).toMatchObject({ traceArrived: false, output: null });
    const at = new Date("2026-03-01T00:00:00Z");
    await ingestEvents(projectId, [
      { kind: "trace", id: "tr-late", timestamp: at, output: "trace says 4" },
      { kind: "observation", id: "ob-late", traceId: "tr-late", type: "SPAN", startTime: at, endTime: new Date(at.getTime() + 1500), output: "4" },
      { kind: "score", id: "sc-1", traceId: "tr-late", name: "exact", value: 1, dataType: "NUMERIC" },
    ], db);
    [r] = await loadRunItemResults(db, projectId, [link.datasetRunId], ["it-1"]);
    expect(r).toMatchObject({ traceArrived: true, output: "4", latencyMs: 1500, scores: [expect.objectContaining({ name: "exact", value: 1 })] });
  });

  it("links by observation alone by looking its trace up", async () => {
    const link = await linkRunItem(db, projectId, { runName: "by-obs", datasetItemId: "it-2", observationId: "ob-late" });
    expect(link.traceId).toBe("tr-late");
    await expect(linkRunItem(db, projectId, { runName: "by-obs", datasetItemId: "it-2", observationId: "missing" })).rejects.toMatchObject({ code: "not_found", path: ["observationId"] });
  });

  it("leaves the run row alone when a link resends the same description and metadata (in any key order)", async () => {
    const meta = { model: "m1", params: { temperature: 0, top_p: 1 }, tags: ["a", "b"] };
    const a = await linkRunItem(db, projectId, { runName: "resend", runDescription: "same", metadata: meta, datasetItemId: "it-1", traceId: "rs-1" });
    const before = await db.datasetRun.findUniqueOrThrow({ where: { id: a.datasetRunId } });
    await new Promise((r) => setTimeout(r, 15));
    await linkRunItem(db, projectId, { runName: "resend", runDescription: "same", metadata: { tags: ["a", "b"], params: { top_p: 1, temperature: 0 }, model: "m1" }, datasetItemId: "it-2", traceId: "rs-2" });
    const after = await db.datasetRun.findUniqueOrThrow({ where: { id: a.datasetRunId } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    // A change is still written.
    await linkRunItem(db, projectId, { runName: "resend", runDescription: "same", metadata: { ...meta, tags: ["b", "a"] }, datasetItemId: "it-2", traceId: "rs-2" });
    expect(await db.datasetRun.findUniqueOrThrow({ where: { id: a.datasetRunId } })).toMatchObject({ description: "same", metadata: { tags: ["b", "a"] } });
  });

  it("20 concurrent first links of one new run all succeed with one run; so do 2 concurrent links of one item", async () => {
    const runName = uid("burst");
    const links = await Promise.all(
      many.map((itemId, i) => linkRunItem(db, projectId, { runName, runDescription: "burst", metadata: { model: "m" }, datasetItemId: itemId, traceId: `burst-${i}` })),
    );
    const runs = await db.datasetRun.findMany({ where: { datasetId, name: runName } });
    expect(runs).toHaveLength(1);
    expect(new Set(links.map((l) => l.datasetRunId))).toEqual(new Set([runs[0].id]));
    const items = await db.datasetRunItem.findMany({ where: { datasetRunId: runs[0].id }, orderBy: { datasetItemId: "asc" } });
    expect(items.map((r) => r.datasetItemId)).toEqual([...many].sort());
    expect(items.every((r) => r.traceId === `burst-${many.indexOf(r.datasetItemId)}`)).toBe(true);

    const pair = uid("pair");
    const both = await Promise.all(["pair-a", "pair-b"].map((traceId) => linkRunItem(db, projectId, { runName: pair, datasetItemId: "it-1", traceId })));
    const pairRuns = await db.datasetRun.findMany({ where: { datasetId, name: pair } });
    expect(pairRuns).toHaveLength(1);
    expect(both.map((l) => l.datasetRunId)).toEqual([pairRuns[0].id, pairRuns[0].id]);
    const held = await db.datasetRunItem.findMany({ where: { datasetRunId: pairRuns[0].id } });
    expect(held).toHaveLength(1);
    expect(["pair-a", "pair-b"]).toContain(held[0].traceId);
  });

  it("loads exactly the run items asked for by id", async () => {
    const runName = uid("by-id");
    const a = await linkRunItem(db, projectId, { runName, datasetItemId: "it-1", traceId: "tr-late" });
    await linkRunItem(db, projectId, { runName, datasetItemId: "it-2", traceId: "by-id-2" });
    const other = await linkRunItem(db, projectId, { runName: uid("by-id-other"), datasetItemId: "it-2", traceId: "by-id-3" });
    const results = await loadRunItemResultsByIds(db, projectId, [a.id, other.id, "no-such-run-item"]);
    expect(results.map((r) => r.runItemId).sort()).toEqual([a.id, other.id].sort());
    expect(results.find((r) => r.runItemId === a.id)).toMatchObject({ traceArrived: true, output: "trace says 4", datasetItemId: "it-1" });
    expect(await loadRunItemResultsByIds(db, projectId, [])).toEqual([]);
  });

  it("the link from an experiment trace only fills in: it never changes a run item or run the SDK made, even racing it", async () => {
    const runName = uid("otel");
    const sdk = await linkRunItem(db, projectId, { runName, runDescription: "from the SDK", metadata: { by: "sdk" }, datasetItemId: "it-1", traceId: "sdk-1" });
    const candidate = (itemId: string, traceId: string) => ({ traceId, datasetId, itemId, runName, description: "from the trace", metadata: { by: "trace" } });
    expect(await linkFromTrace(db, projectId, candidate("it-1", "otel-1"))).toBe(false);
    expect(await db.datasetRunItem.findUniqueOrThrow({ where: { id: sdk.id } })).toMatchObject({ traceId: "sdk-1" });
    // An item the run does not hold yet: linked, and the run keeps the SDK's description and metadata.
    expect(await linkFromTrace(db, projectId, candidate("it-2", "otel-2"))).toBe(true);
    expect(await db.datasetRunItem.findFirstOrThrow({ where: { datasetRunId: sdk.datasetRunId, datasetItemId: "it-2" } })).toMatchObject({ traceId: "otel-2" });
    expect(await db.datasetRun.findUniqueOrThrow({ where: { id: sdk.datasetRunId } })).toMatchObject({ description: "from the SDK", metadata: { by: "sdk" } });
    // A new run made from a trace takes the trace's description and metadata.
    const fresh = uid("otel-new");
    expect(await linkFromTrace(db, projectId, { ...candidate("it-1", "otel-3"), runName: fresh })).toBe(true);
    expect(await db.datasetRun.findFirstOrThrow({ where: { datasetId, name: fresh } })).toMatchObject({ description: "from the trace", metadata: { by: "trace" } });
    // Racing: the trace's link and the SDK's for the same items at once; the SDK's trace is what stays.
    await Promise.all(many.flatMap((itemId, i) => [linkFromTrace(db, projectId, candidate(itemId, `otel-race-${i}`)), linkRunItem(db, projectId, { runName, datasetItemId: itemId, traceId: `sdk-race-${i}` })]));
    const raced = await db.datasetRunItem.findMany({ where: { datasetRunId: sdk.datasetRunId, datasetItemId: { in: many } } });
    expect(raced).toHaveLength(many.length);
    expect(raced.filter((r) => r.traceId !== `sdk-race-${many.indexOf(r.datasetItemId)}`)).toEqual([]);
  });
});
