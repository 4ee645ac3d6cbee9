// The Langfuse-compatible dataset API over HTTP on both databases: Langfuse's
// field sets, create-or-update by name, item upsert with merge, the dataset as
// of a `version`, 409/404/400 with paths, paging meta and bounds, another
// project's key kept out, DELETE; then both Langfuse SDKs end to end.
import { LangfuseClient } from "@langfuse/client";
import { Langfuse } from "langfuse";
import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { createUser } from "@/lib/auth/users";
import { createProjectWithOwner } from "@/lib/projects/create";
import { api, dbFor, targets, uid, type TestTarget } from "../support/targets";

// Field for field after Langfuse's web/src/features/public-api/types/datasets.ts.
const DATASET_FIELDS = ["id", "projectId", "name", "description", "metadata", "inputSchema", "expectedOutputSchema", "createdAt", "updatedAt"];
const ITEM_FIELDS = [
  "id", "datasetId", "datasetName", "status", "input", "expectedOutput", "metadata", "sourceTraceId", "sourceObservationId", "createdAt", "updatedAt", "mediaReferences",
];
const META_FIELDS = ["page", "limit", "totalItems", "totalPages"];

const keys = (o: object) => Object.keys(o).sort();
const sorted = (a: string[]) => [...a].sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Keys = { publicKey: string; secretKey: string };

async function call(t: TestTarget, method: string, path: string, body?: unknown, keyPair?: Keys) {
  const res = await api(t, path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, keyPair);
  return { status: res.status, body: await res.json() };
}

async function ok(t: TestTarget, method: string, path: string, body?: unknown, keyPair?: Keys) {
  const res = await call(t, method, path, body, keyPair);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const enc = encodeURIComponent;

describe.each(targets())("dataset API on $name", (t) => {
  const db = dbFor(t);

  it("creates and updates a dataset by name with exactly Langfuse's fields (v1 and v2), 200 on create", async () => {
    const name = uid("shape ds/with slash & 100%");
    const created = await call(t, "POST", "/api/public/v2/datasets", { name, description: "first", metadata: { team: "qa" } });
    expect(created.status).toBe(200);
    expect(keys(created.body)).toEqual(sorted(DATASET_FIELDS));
    expect(created.body).toMatchObject({ name, projectId: t.projectId, description: "first", metadata: { team: "qa" }, inputSchema: null, expectedOutputSchema: null });
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);

    // Same name again: the same dataset, given fields replaced, omitted (or null, as in Langfuse) ones kept.
    const v1 = await ok(t, "POST", "/api/public/datasets", { name, description: null, inputSchema: { type: "object" } });
    expect(keys(v1)).toEqual(sorted([...DATASET_FIELDS, "items", "runs"]));
    expect(v1).toMatchObject({ id: created.body.id, description: "first", metadata: { team: "qa" }, inputSchema: { type: "object" }, items: [], runs: [] });

    const got = await ok(t, "GET", `/api/public/v2/datasets/${enc(name)}`);
    expect(keys(got)).toEqual(sorted(DATASET_FIELDS));
    expect(got).toMatchObject({ id: created.body.id, name, inputSchema: { type: "object" } });

    const missing = await call(t, "GET", `/api/public/v2/datasets/${enc(uid("no such"))}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
  });

  it("refuses bad dataset bodies with the field named", async () => {
    const unknown = await call(t, "POST", "/api/public/v2/datasets", { name: uid("x"), colour: "red" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    const noName = await call(t, "POST", "/api/public/datasets", { description: "no name" });
    expect(noName.status).toBe(400);
    expect(noName.body.error.details).toContainEqual(expect.objectContaining({ path: "name" }));
    const badSchema = await call(t, "POST", "/api/public/v2/datasets", { name: uid("bad-schema"), inputSchema: { type: "no-such-type" } });
    expect(badSchema.status).toBe(400);
    expect(badSchema.body.error.details).toContainEqual(expect.objectContaining({ path: "inputSchema" }));

    // A method a route does not serve: the error contract's 405 with Allow, also under an encoded name.
    for (const [method, path, allow] of [
      ["PUT", "/api/public/dataset-items", "GET, POST"],
      ["POST", `/api/public/v2/datasets/${enc("a/b c")}`, "GET"],
      ["PATCH", `/api/public/dataset-items/${enc("x/y")}`, "GET, DELETE"],
    ]) {
      const res = await api(t, path, { method, body: "{}" });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toContain(allow);
      expect((await res.json()).error.code).toBe("method_not_allowed");
    }

    // A schema the stored items do not fit is refused (as Langfuse does), naming the item; nothing changes.
    const name = uid("late-schema");
    await ok(t, "POST", "/api/public/v2/datasets", { name });
    const id = uid("old-item");
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id, input: { q: 3 } });
    const late = await call(t, "POST", "/api/public/v2/datasets", { name, inputSchema: { type: "object", properties: { q: { type: "string" } } } });
    expect(late.status).toBe(400);
    expect(late.body.error.details).toEqual([{ path: "inputSchema", issue: expect.stringContaining(`item "${id}"`) }]);
    expect(late.body.error.message).toMatch(/input\.q/);
    expect((await ok(t, "GET", `/api/public/v2/datasets/${enc(name)}`)).inputSchema).toBeNull();
    expect((await ok(t, "POST", "/api/public/v2/datasets", { name, inputSchema: { type: "object", properties: { q: { type: "number" } } } })).inputSchema).toMatchObject({ type: "object" });
  });

  it("creates an item (200, Langfuse's fields), merges an update by id, and keeps a version per change", async () => {
    const name = uid("items");
    const ds = await ok(t, "POST", "/api/public/v2/datasets", { name });
    const id = uid("item");
    const created = await call(t, "POST", "/api/public/dataset-items", {
      datasetName: name, id, input: { q: "2+2?" }, expectedOutput: "4", metadata: { src: "api" }, sourceTraceId: "tr-1", sourceObservationId: "ob-1",
    });
    expect(created.status).toBe(200);
    expect(keys(created.body)).toEqual(sorted(ITEM_FIELDS));
    expect(created.body).toEqual({
      id, datasetId: ds.id, datasetName: name, status: "ACTIVE", input: { q: "2+2?" }, expectedOutput: "4", metadata: { src: "api" },
      sourceTraceId: "tr-1", sourceObservationId: "ob-1", createdAt: expect.any(String), updatedAt: expect.any(String), mediaReferences: [],
    });

    // Only expectedOutput given (and null for what an SDK leaves unset): the rest keeps its stored value.
    const merged = await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id, expectedOutput: "four", metadata: null, status: null });
    expect(merged).toMatchObject({ input: { q: "2+2?" }, expectedOutput: "four", metadata: { src: "api" }, sourceTraceId: "tr-1", status: "ACTIVE", createdAt: created.body.createdAt });
    const archived = await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id, status: "ARCHIVED" });
    expect(archived).toMatchObject({ status: "ARCHIVED", expectedOutput: "four" });
    const versions = await db.datasetItemVersion.findMany({ where: { projectId: t.projectId, itemId: id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.change, v.expectedOutput])).toEqual([[1, "CREATE", "4"], [2, "UPDATE", "four"], [3, "ARCHIVE", "four"]]);

    // A string that looks like a number stays a string; an id-less create gets an id.
    const fresh = await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, input: "4" });
    expect(fresh).toMatchObject({ input: "4", expectedOutput: null, metadata: null, sourceTraceId: null, status: "ACTIVE" });
    expect(fresh.id).toEqual(expect.any(String));

    // GET by id answers archived items too.
    const read = await ok(t, "GET", `/api/public/dataset-items/${enc(id)}`);
    expect(keys(read)).toEqual(sorted(ITEM_FIELDS));
    expect(read).toMatchObject({ id, status: "ARCHIVED", datasetName: name });
  });

  it("answers 409 for another dataset's item id, 404 for an unknown dataset, 400 with the path for a misfit or a stray key", async () => {
    const a = uid("conflict-a");
    const b = uid("conflict-b");
    await ok(t, "POST", "/api/public/v2/datasets", { name: a });
    await ok(t, "POST", "/api/public/v2/datasets", {
      name: b,
      inputSchema: { type: "object", properties: { q: { type: "string" }, tags: { type: "array", items: { type: "string" } } }, required: ["q"] },
    });
    const id = uid("shared");
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: a, id, input: { q: "x" } });

    const conflict = await call(t, "POST", "/api/public/dataset-items", { datasetName: b, id, input: { q: "y" } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: "conflict", details: [{ path: "id", issue: expect.stringMatching(/another dataset/) }] });
    expect((await ok(t, "GET", `/api/public/dataset-items/${enc(id)}`)).input).toEqual({ q: "x" });

    const unknown = await call(t, "POST", "/api/public/dataset-items", { datasetName: uid("nope"), input: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: "not_found", details: [{ path: "datasetName" }] });

    const misfit = await call(t, "POST", "/api/public/dataset-items", { datasetName: b, input: { q: "ok", tags: ["a", 7] } });
    expect(misfit.status).toBe(400);
    expect(misfit.body.error).toMatchObject({ code: "bad_request", details: [{ path: "input.tags[1]", issue: expect.stringMatching(/must be string/) }] });
    const missingField = await call(t, "POST", "/api/public/dataset-items", { datasetName: b, input: {} });
    expect(missingField.status).toBe(400);
    expect(missingField.body.error.message).toMatch(/q/);

    const stray = await call(t, "POST", "/api/public/dataset-items", { datasetName: a, input: 1, inptu: 2 });
    expect(stray.status).toBe(400);
    expect(stray.body.error.message).toMatch(/inptu/);
    const badStatus = await call(t, "POST", "/api/public/dataset-items", { datasetName: a, input: 1, status: "DONE" });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details).toContainEqual(expect.objectContaining({ path: "status" }));
    const badName = await call(t, "POST", "/api/public/dataset-items", { datasetName: 5, input: 1 });
    expect(badName.status).toBe(400);
    expect(badName.body.error.details).toContainEqual(expect.objectContaining({ path: "datasetName" }));
    expect((await call(t, "POST", "/api/public/dataset-items", [{ datasetName: a }])).status).toBe(400);
    let deep: unknown = "leaf";
    for (let i = 0; i < 150; i++) deep = [deep];
    const tooDeep = await call(t, "POST", "/api/public/dataset-items", { datasetName: a, input: deep });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.details).toContainEqual(expect.objectContaining({ path: "input", issue: expect.stringMatching(/deeper/) }));
    // Nothing of the refused writes was stored.
    const ds = await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(b)}`);
    expect(ds.meta.totalItems).toBe(0);
  });

  it("lists active items only, filters by source, pages with Langfuse's meta and bounds", async () => {
    const name = uid("list");
    const other = uid("list-other");
    await ok(t, "POST", "/api/public/v2/datasets", { name });
    await ok(t, "POST", "/api/public/v2/datasets", { name: other });
    const traceId = uid("src-trace");
    for (let i = 0; i < 5; i++) await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id: uid(`it${i}`), input: i, sourceTraceId: i < 2 ? traceId : null });
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, input: "archived", status: "ARCHIVED" });
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: other, input: "elsewhere", sourceTraceId: traceId, sourceObservationId: "obs-9" });

    const page1 = await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}&limit=2`);
    expect(keys(page1)).toEqual(["data", "meta"]);
    expect(keys(page1.meta)).toEqual(sorted(META_FIELDS));
    expect(page1.meta).toEqual({ page: 1, limit: 2, totalItems: 5, totalPages: 3 });
    expect(page1.data.map((i: { input: number }) => i.input)).toEqual([4, 3]);
    const page3 = await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}&limit=2&page=3`);
    expect(page3.data.map((i: { input: number }) => i.input)).toEqual([0]);
    expect((await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}`)).meta).toEqual({ page: 1, limit: 50, totalItems: 5, totalPages: 1 });

    // By source across the project's datasets, each item naming its own dataset.
    const bySource = await ok(t, "GET", `/api/public/dataset-items?sourceTraceId=${enc(traceId)}`);
    expect(bySource.data.map((i: { datasetName: string }) => i.datasetName).sort()).toEqual(sorted([name, name, other]));
    const byObs = await ok(t, "GET", `/api/public/dataset-items?sourceTraceId=${enc(traceId)}&sourceObservationId=obs-9`);
    expect(byObs.data).toHaveLength(1);
    expect(byObs.data[0]).toMatchObject({ datasetName: other, input: "elsewhere" });

    for (const [query, path] of [["limit=0", "limit"], ["limit=101", "limit"], ["page=0", "page"], ["limit=abc", "limit"]]) {
      const bad = await call(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}&${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.details, query).toContainEqual(expect.objectContaining({ path }));
    }
    expect((await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}&limit=100`)).meta.limit).toBe(100);
    expect((await call(t, "GET", `/api/public/dataset-items?datasetName=${enc(uid("nope"))}`)).status).toBe(404);
    expect((await call(t, "GET", "/api/public/v2/datasets?limit=101")).status).toBe(400);
  });

  it("answers the items as they were at `version`, and refuses version without datasetName", async () => {
    const name = uid("versions");
    await ok(t, "POST", "/api/public/v2/datasets", { name });
    const keep = uid("keep");
    const gone = uid("gone");
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id: keep, input: "before", expectedOutput: "x" });
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id: gone, input: "deleted later" });
    await sleep(30);
    const then = new Date().toISOString();
    await sleep(30);
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id: keep, input: "after" });
    expect(await ok(t, "DELETE", `/api/public/dataset-items/${enc(gone)}`)).toEqual({ message: "Dataset item successfully deleted" });
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, input: "new" });

    const now = await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}`);
    expect(now.data.map((i: { input: string }) => i.input).sort()).toEqual(["after", "new"]);
    const past = await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}&version=${enc(then)}`);
    expect(past.meta.totalItems).toBe(2);
    expect(past.data.map((i: { input: string }) => i.input).sort()).toEqual(["before", "deleted later"]);
    expect(keys(past.data[0])).toEqual(sorted(ITEM_FIELDS));
    expect(past.data.find((i: { id: string }) => i.id === keep)).toMatchObject({ expectedOutput: "x", datasetName: name, status: "ACTIVE" });

    const noName = await call(t, "GET", `/api/public/dataset-items?version=${enc(then)}`);
    expect(noName.status).toBe(400);
    expect(noName.body.error.details).toContainEqual(expect.objectContaining({ path: "datasetName" }));
    const badVersion = await call(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}&version=yesterday`);
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.details).toContainEqual(expect.objectContaining({ path: "version" }));
  });

  it("deletes an item: gone from GET and lists, a second DELETE is 404", async () => {
    const name = uid("delete");
    await ok(t, "POST", "/api/public/v2/datasets", { name });
    const id = uid("del");
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id, input: 1 });
    await ok(t, "DELETE", `/api/public/dataset-items/${enc(id)}`);
    expect((await call(t, "GET", `/api/public/dataset-items/${enc(id)}`)).status).toBe(404);
    expect((await call(t, "DELETE", `/api/public/dataset-items/${enc(id)}`)).status).toBe(404);
    expect((await ok(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}`)).data).toEqual([]);
    // The id is free again, and a new item with it starts a fresh life.
    expect(await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id, input: 2 })).toMatchObject({ id, input: 2 });
  });

  it("pages datasets (v2) and lists v1 datasets with active item ids and run names, and v1 by name with whole items", async () => {
    const owner = await createUser({ email: `${uid("pager")}@itest.dev`, password: "password-123" }, db);
    const project = await createProjectWithOwner(uid("pager"), owner.id, db);
    const key = await createApiKey(project.id, {}, db);
    const names = ["one", "two", "three"].map((n) => uid(`pg ${n}/x`));
    for (const name of names) {
      await ok(t, "POST", "/api/public/v2/datasets", { name }, key);
      await sleep(5);
    }
    const p1 = await ok(t, "GET", "/api/public/v2/datasets?limit=2", undefined, key);
    expect(p1.meta).toEqual({ page: 1, limit: 2, totalItems: 3, totalPages: 2 });
    expect(p1.data.map((d: { name: string }) => d.name)).toEqual([names[2], names[1]]);
    expect(keys(p1.data[0])).toEqual(sorted(DATASET_FIELDS));
    const p2 = await ok(t, "GET", "/api/public/v2/datasets?limit=2&page=2", undefined, key);
    expect(p2.data.map((d: { name: string }) => d.name)).toEqual([names[0]]);

    const a = await ok(t, "POST", "/api/public/dataset-items", { datasetName: names[0], id: uid("a"), input: "a" }, key);
    const b = await ok(t, "POST", "/api/public/dataset-items", { datasetName: names[0], id: uid("b"), input: "b" }, key);
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: names[0], input: "archived", status: "ARCHIVED" }, key);
    const ds = await ok(t, "GET", `/api/public/v2/datasets/${enc(names[0])}`, undefined, key);
    await db.datasetRun.create({ data: { projectId: project.id, datasetId: ds.id, name: "run-1" } });

    const v1 = await ok(t, "GET", "/api/public/datasets?page=2&limit=2", undefined, key);
    expect(v1.meta).toEqual({ page: 2, limit: 2, totalItems: 3, totalPages: 2 });
    expect(keys(v1.data[0])).toEqual(sorted([...DATASET_FIELDS, "items", "runs"]));
    expect(v1.data[0]).toMatchObject({ name: names[0], runs: ["run-1"] });
    expect(v1.data[0].items.sort()).toEqual([a.id, b.id].sort());

    const one = await ok(t, "GET", `/api/public/datasets/${enc(names[0])}`, undefined, key);
    expect(keys(one)).toEqual(sorted([...DATASET_FIELDS, "items", "runs"]));
    expect(one.runs).toEqual(["run-1"]);
    expect(one.items.map((i: { input: string }) => i.input).sort()).toEqual(["a", "b"]);
    expect(keys(one.items[0])).toEqual(sorted(ITEM_FIELDS));
    expect((await call(t, "GET", `/api/public/datasets/${enc(uid("nope"))}`, undefined, key)).status).toBe(404);
  });

  it("keeps another project's key away from this project's datasets and items", async () => {
    const owner = await createUser({ email: `${uid("iso")}@itest.dev`, password: "password-123" }, db);
    const other = await createProjectWithOwner(uid("isolated"), owner.id, db);
    const theirs = await createApiKey(other.id, {}, db);
    const name = uid("private");
    const id = uid("private-item");
    await ok(t, "POST", "/api/public/v2/datasets", { name });
    await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id, input: "mine", sourceTraceId: "tr-private" });

    expect((await call(t, "GET", `/api/public/v2/datasets/${enc(name)}`, undefined, theirs)).status).toBe(404);
    expect((await call(t, "GET", `/api/public/datasets/${enc(name)}`, undefined, theirs)).status).toBe(404);
    expect((await ok(t, "GET", "/api/public/v2/datasets", undefined, theirs)).data).toEqual([]);
    expect((await ok(t, "GET", "/api/public/datasets", undefined, theirs)).data).toEqual([]);
    expect((await call(t, "GET", `/api/public/dataset-items?datasetName=${enc(name)}`, undefined, theirs)).status).toBe(404);
    expect((await ok(t, "GET", "/api/public/dataset-items?sourceTraceId=tr-private", undefined, theirs)).data).toEqual([]);
    expect((await call(t, "GET", `/api/public/dataset-items/${enc(id)}`, undefined, theirs)).status).toBe(404);
    expect((await call(t, "DELETE", `/api/public/dataset-items/${enc(id)}`, undefined, theirs)).status).toBe(404);
    expect((await call(t, "POST", "/api/public/dataset-items", { datasetName: name, id, input: "hijack" }, theirs)).status).toBe(404);

    // Their own dataset of the same name and an item of the same id are separate records.
    await ok(t, "POST", "/api/public/v2/datasets", { name }, theirs);
    const copy = await ok(t, "POST", "/api/public/dataset-items", { datasetName: name, id, input: "theirs" }, theirs);
    expect(copy.input).toBe("theirs");
    expect((await ok(t, "GET", `/api/public/dataset-items/${enc(id)}`)).input).toBe("mine");
    await ok(t, "DELETE", `/api/public/dataset-items/${enc(id)}`, undefined, theirs);
    expect((await ok(t, "GET", `/api/public/dataset-items/${enc(id)}`)).input).toBe("mine");
  });
});

describe.each(targets())("the Langfuse SDKs against the dataset API on $name", (t) => {
  it("legacy langfuse 3.x: createDataset, createDatasetItem, getDataset paging /dataset-items, getDatasetItem", async () => {
    const langfuse = new Langfuse({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl, flushAt: 100 });
    const name = uid("legacy sdk/eval set");
    const ds = await langfuse.createDataset({ name, description: "from the legacy SDK", metadata: { v: 3 } });
    expect(ds).toMatchObject({ name, description: "from the legacy SDK", metadata: { v: 3 }, items: [], runs: [] });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const item = await langfuse.createDatasetItem({ datasetName: name, input: { n: i }, expectedOutput: `answer ${i}`, metadata: { i } });
      expect(item).toMatchObject({ datasetName: name, datasetId: ds.id, input: { n: i }, status: "ACTIVE" });
      ids.push(item.id);
    }
    // An update by id through the SDK merges.
    await langfuse.createDatasetItem({ datasetName: name, id: ids[0], expectedOutput: "answer zero" });

    // fetchItemsPageSize 2: the SDK pages /dataset-items three times and stops at totalPages.
    const full = await langfuse.getDataset(name, { fetchItemsPageSize: 2 });
    expect(full).toMatchObject({ id: ds.id, name, description: "from the legacy SDK" });
    expect(full.items).toHaveLength(5);
    expect(full.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(full.items.find((i) => i.id === ids[0])).toMatchObject({ input: { n: 0 }, expectedOutput: "answer zero", metadata: { i: 0 } });
    expect(typeof full.items[0].link).toBe("function");

    const one = await langfuse.getDatasetItem(ids[3]);
    expect(one).toMatchObject({ id: ids[3], datasetName: name, input: { n: 3 }, expectedOutput: "answer 3" });
    await expect(langfuse.getDataset(uid("missing"))).rejects.toThrow();
    await langfuse.shutdownAsync();
  });

  it("@langfuse/client 5.x: api.datasets.*, api.datasetItems.*, dataset.get with version", async () => {
    const langfuse = new LangfuseClient({ publicKey: t.publicKey, secretKey: t.secretKey, baseUrl: t.baseUrl });
    const name = uid("v5 sdk/with spaces and slashes");
    const created = await langfuse.api.datasets.create({ name, description: "v5", inputSchema: { type: "object" } });
    expect(created).toMatchObject({ name, description: "v5", inputSchema: { type: "object" }, projectId: t.projectId });
    expect(await langfuse.api.datasets.get(name)).toMatchObject({ id: created.id, name });
    const listed = await langfuse.api.datasets.list({ page: 1, limit: 100 });
    expect(listed.meta).toMatchObject({ page: 1, limit: 100 });
    expect(listed.data.map((d) => d.name)).toContain(name);

    const first = await langfuse.api.datasetItems.create({ datasetName: name, input: { q: "first" }, expectedOutput: "1", sourceTraceId: "v5-trace" });
    expect(first).toMatchObject({ datasetName: name, datasetId: created.id, input: { q: "first" }, mediaReferences: [] });
    // The high-level helper sends an id it made, and the item keeps it.
    const second = await langfuse.dataset.createItem({ datasetName: name, input: { q: "second" }, expectedOutput: "2" });
    await sleep(30);
    const pinned = new Date().toISOString();
    await sleep(30);
    await langfuse.api.datasetItems.create({ datasetName: name, id: second.id, expectedOutput: "two" });
    await langfuse.api.datasetItems.create({ datasetName: name, input: { q: "third" } });

    expect(await langfuse.api.datasetItems.get(second.id)).toMatchObject({ id: second.id, input: { q: "second" }, expectedOutput: "two" });
    const bySource = await langfuse.api.datasetItems.list({ sourceTraceId: "v5-trace" });
    expect(bySource.data.map((i) => i.id)).toEqual([first.id]);
    const page = await langfuse.api.datasetItems.list({ datasetName: name, limit: 2, page: 1 });
    expect(page.meta).toEqual({ page: 1, limit: 2, totalItems: 3, totalPages: 2 });

    // The dataset as it was at `pinned`: two items, the second one before its edit.
    const then = await langfuse.dataset.get(name, { version: pinned, fetchItemsPageSize: 1 });
    expect(then.items.map((i) => i.expectedOutput).sort()).toEqual(["1", "2"]);
    const now = await langfuse.dataset.get(name);
    expect(now.items).toHaveLength(3);
    expect(now.items.find((i) => i.id === second.id)?.expectedOutput).toBe("two");

    expect(await langfuse.api.datasetItems.delete(first.id)).toEqual({ message: "Dataset item successfully deleted" });
    await expect(langfuse.api.datasetItems.get(first.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(langfuse.api.datasets.get(uid("missing"))).rejects.toMatchObject({ statusCode: 404 });
    const other = await langfuse.api.datasets.create({ name: uid("v5-other") });
    await expect(langfuse.api.datasetItems.create({ datasetName: other.name, id: second.id, input: 1 })).rejects.toMatchObject({ statusCode: 409 });
  });
});
