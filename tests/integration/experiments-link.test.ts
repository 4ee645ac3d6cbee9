// Run items on both databases: the run made or updated by (dataset, runName),
// a link before its trace and after it, and what the results loader reads.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { upsertItem } from "@/lib/datasets/items";
import { linkRunItem } from "@/lib/experiments/link";
import { loadRunItemResults } from "@/lib/experiments/results";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

describe.each(targets())("run item links on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let datasetId: string;

  beforeAll(async () => {
    const alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("experiments"), alice, db)).id;
    const ds = await createDataset(db, projectId, { name: uid("ds") });
    datasetId = ds.id;
    await upsertItem(db, ds, { id: "it-1", input: "2+2", expectedOutput: "4" }, alice);
    await upsertItem(db, ds, { id: "it-2", input: "3+3", expectedOutput: "6" }, alice);
    await upsertItem(db, ds, { id: "it-gone", input: "x", status: "ARCHIVED" }, alice);
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
});
