// The dataset core on both databases: the one item writer (merge, versions,
// JSON Schemas, another dataset's id), the dataset as of a time, and
// promotion's idempotence and mapping.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset, datasetByName, deleteDataset, listDatasets, upsertDatasetByName } from "@/lib/datasets/datasets";
import { listItems } from "@/lib/datasets/item-list";
import { deleteItems, upsertItem, writeItems } from "@/lib/datasets/items";
import { DEFAULT_MAPPING } from "@/lib/datasets/mapping";
import { promote } from "@/lib/datasets/promote";
import { listVersions } from "@/lib/datasets/versions";
import { DomainError } from "@/lib/errors";
import { ingestEvents } from "@/lib/ingest/service";
import { createProjectWithOwner } from "@/lib/projects/create";
import { dbFor, targets, uid } from "../support/targets";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(targets())("dataset core on $name", (t) => {
  const db = dbFor(t);
  let projectId: string;
  let alice: string;

  beforeAll(async () => {
    alice = (await createUser({ email: `${uid("alice")}@itest.dev`, password: "password-123", name: "Alice" }, db)).id;
    projectId = (await createProjectWithOwner(uid("datasets"), alice, db)).id;
    const at = new Date("2026-03-01T00:00:00Z");
    await ingestEvents(projectId, [
      { kind: "trace", id: "tr-1", timestamp: at, input: { question: "2+2?" }, output: "5" },
      { kind: "trace", id: "tr-2", timestamp: at, input: { question: "capital of France?" }, output: "Paris" },
      { kind: "observation", id: "ob-1", traceId: "tr-1", type: "GENERATION", startTime: at, input: [{ role: "user", content: "2+2?" }], output: { content: "5" } },
    ], db);
    // A reviewer's correction of tr-1's output (the CORRECTION score type).
    await db.score.create({ data: { projectId, id: "corr-1", traceId: "tr-1", name: "output", dataType: "CORRECTION", stringValue: "4", source: "ANNOTATION", timestamp: at } });
  });

  it("creates, merges omitted fields, keeps every version and refuses another dataset's id", async () => {
    const a = await createDataset(db, projectId, { name: uid("a") });
    const b = await createDataset(db, projectId, { name: uid("b") });
    const first = await upsertItem(db, a, { id: "item-1", input: { q: 1 }, expectedOutput: "one", metadata: { tag: "x" } }, alice);
    expect(first.change).toBe("created");
    const merged = await upsertItem(db, a, { id: "item-1", expectedOutput: "ONE" }, alice);
    expect(merged.change).toBe("updated");
    expect(merged.item).toMatchObject({ input: { q: 1 }, expectedOutput: "ONE", metadata: { tag: "x" }, version: 2 });
    expect((await upsertItem(db, a, { id: "item-1", expectedOutput: "ONE" }, alice)).change).toBe("unchanged");
    const versions = await listVersions(db, projectId, "item-1");
    expect(versions.map((v) => [v.version, v.change, v.expectedOutput, v.changedBy])).toEqual([
      [2, "UPDATE", "ONE", "Alice"],
      [1, "CREATE", "one", "Alice"],
    ]);
    await expect(upsertItem(db, b, { id: "item-1", input: 1 }, alice)).rejects.toMatchObject({ code: "conflict", path: ["id"] });
  });

  it("refuses an item that does not fit the dataset's schema, with the path, and writes none of the batch", async () => {
    const ds = await createDataset(db, projectId, {
      name: uid("schema"),
      inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
    });
    const err = await writeItems(db, ds, [{ id: uid("ok"), input: { q: "fine" } }, { id: uid("bad"), input: { q: 3 } }], alice, { pathOf: (i) => ["rows", i] }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.path).toEqual(["rows", 1, "input", "q"]);
    expect(err.message).toMatch(/must be string/);
    expect((await listItems(db, projectId, ds.id, { page: 1, limit: 50 })).totalItems).toBe(0);
    await expect(createDataset(db, projectId, { name: uid("x"), inputSchema: { type: "no-such-type" } })).rejects.toMatchObject({ path: ["inputSchema"] });
  });

  it("answers the dataset as it was at a time, deleted and archived items included as they were", async () => {
    const ds = await createDataset(db, projectId, { name: uid("versions") });
    await upsertItem(db, ds, { id: uid("v1"), input: "first" }, alice);
    const keep = uid("v2");
    await upsertItem(db, ds, { id: keep, input: "second" }, alice);
    await sleep(20);
    const t1 = new Date();
    await sleep(20);
    await upsertItem(db, ds, { id: keep, input: "second, edited" }, alice);
    const gone = (await listItems(db, projectId, ds.id, { page: 1, limit: 50 })).items.find((i) => i.input === "first")!;
    await deleteItems(db, projectId, [gone.id], alice);
    await upsertItem(db, ds, { id: uid("v3"), input: "third" }, alice);
    const now = await listItems(db, projectId, ds.id, { page: 1, limit: 50 });
    expect(now.items.map((i) => i.input).sort()).toEqual(["second, edited", "third"]);
    const then = await listItems(db, projectId, ds.id, { page: 1, limit: 50, version: t1 });
    expect(then.totalItems).toBe(2);
    expect(then.items.map((i) => i.input).sort()).toEqual(["first", "second"]);
    await upsertItem(db, ds, { id: keep, status: "ARCHIVED" }, alice);
    expect((await listItems(db, projectId, ds.id, { page: 1, limit: 50, version: new Date() })).items.map((i) => i.input)).toEqual(["third"]);
  });

  it("promotes with the correction as expected output, once per source, and lists what it could not", async () => {
    const ds = await createDataset(db, projectId, { name: uid("promo") });
    const refs = [{ traceId: "tr-1" }, { traceId: "tr-2" }, { traceId: "tr-1", observationId: "ob-1" }, { traceId: "nope" }];
    const first = await promote(db, [ds], refs, DEFAULT_MAPPING, { actorUserId: alice, origin: "PROMOTION" });
    expect(first).toMatchObject({ added: 3, updated: 0, skipped: 0 });
    expect(first.failures).toEqual([{ source: { traceId: "nope", observationId: null }, datasetId: ds.id, reason: "the trace does not exist" }]);
    const items = (await listItems(db, projectId, ds.id, { page: 1, limit: 50 })).items;
    const byTrace = (tr: string, ob: string | null) => items.find((i) => i.sourceTraceId === tr && i.sourceObservationId === ob)!;
    expect(byTrace("tr-1", null)).toMatchObject({ input: { question: "2+2?" }, expectedOutput: "4", origin: "PROMOTION" });
    expect(byTrace("tr-2", null).expectedOutput).toBe("Paris");
    expect(byTrace("tr-1", "ob-1").expectedOutput).toEqual({ content: "5" });
    const again = await promote(db, [ds], refs.slice(0, 3), DEFAULT_MAPPING, { actorUserId: alice, origin: "PROMOTION" });
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 3 });
    const mapped = await promote(db, [ds], [{ traceId: "tr-2" }], { ...DEFAULT_MAPPING, input: { from: "input", path: "$.question" } }, { actorUserId: alice, origin: "PROMOTION", onExisting: "update" });
    expect(mapped).toMatchObject({ added: 0, updated: 1, skipped: 0 });
    expect((await listItems(db, projectId, ds.id, { page: 1, limit: 50, sourceTraceId: "tr-2" })).items[0].input).toBe("capital of France?");
  });

  it("takes two promotions of the same sources at once: each source lands once, neither fails", async () => {
    const ds = await createDataset(db, projectId, { name: uid("race") });
    const refs = [{ traceId: "tr-1" }, { traceId: "tr-2" }, { traceId: "tr-1", observationId: "ob-1" }];
    const opts = { actorUserId: alice, origin: "PROMOTION" as const };
    const [a, b] = await Promise.all([promote(db, [ds], refs, DEFAULT_MAPPING, opts), promote(db, [ds], refs, DEFAULT_MAPPING, opts)]);
    expect(a.added + b.added).toBe(3);
    expect(a.skipped + b.skipped).toBe(3);
    expect((await listItems(db, projectId, ds.id, { page: 1, limit: 50 })).totalItems).toBe(3);
    // Two writers of one new item id at once: one creates it, the other updates it (version 2), no error.
    const id = uid("same");
    const both = await Promise.all([upsertItem(db, ds, { id, input: "a" }, alice), upsertItem(db, ds, { id, input: "b" }, alice)]);
    expect(both.map((o) => o.change).sort()).toEqual(["created", "updated"]);
    expect((await listVersions(db, projectId, id)).map((v) => v.version)).toEqual([2, 1]);
  });

  it("keeps taking items into a dataset whose schema has an $id (compiled once, not refused the second time)", async () => {
    const ds = await createDataset(db, projectId, { name: uid("with-id"), inputSchema: { $id: "https://example.com/item.json", type: "string" } });
    for (let i = 0; i < 3; i++) expect((await upsertItem(db, ds, { input: `q${i}` }, alice)).change).toBe("created");
    await expect(upsertItem(db, ds, { input: 3 }, alice)).rejects.toMatchObject({ path: ["input"] });
  });

  it("keeps a dataset's name as sent (Langfuse does not trim it)", async () => {
    const name = `${uid("spaced")} `;
    const ds = await upsertDatasetByName(db, projectId, { name });
    expect(ds.name).toBe(name);
    expect((await datasetByName(db, projectId, name))?.id).toBe(ds.id);
  });

  it("upserts datasets by name, counts items, and switches off rules of a deleted dataset", async () => {
    const name = uid("byname");
    const created = await upsertDatasetByName(db, projectId, { name, description: "v1" });
    const updated = await upsertDatasetByName(db, projectId, { name, metadata: { owner: "qa" } });
    expect(updated).toMatchObject({ id: created.id, description: "v1", metadata: { owner: "qa" } });
    await expect(createDataset(db, projectId, { name })).rejects.toMatchObject({ code: "conflict", path: ["name"] });
    await upsertItem(db, created, { input: 1 }, null);
    expect((await listDatasets(db, projectId)).find((d) => d.id === created.id)).toMatchObject({ itemCount: 1, runCount: 0, lastRunAt: null });
    const rule = await db.promotionRule.create({ data: { projectId, name: uid("rule"), datasetId: created.id, filter: [], mapping: DEFAULT_MAPPING as object } });
    await deleteDataset(db, projectId, created.id);
    expect(await db.promotionRule.findUnique({ where: { id: rule.id } })).toMatchObject({ enabled: false, datasetId: null, disabledReason: `Its dataset "${name}" was deleted.` });
  });
});
