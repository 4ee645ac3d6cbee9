// Import and export on both databases: the valid-rows and all-or-nothing modes,
// per-row errors with row and field, upsert by id, the export round trip and
// the OpenAI format over the workbench route, and an import through the public
// API as a job whose progress is polled.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { createDataset } from "@/lib/datasets/datasets";
import { runImport } from "@/lib/datasets/import/run";
import type { ImportMapping, ImportMode } from "@/lib/datasets/import/schemas";
import { listItems } from "@/lib/datasets/item-list";
import { deleteItems, writeItems } from "@/lib/datasets/items";
import { listVersions } from "@/lib/datasets/versions";
import type { DatasetView } from "@/lib/datasets/schemas";
import { api, dbFor, targets, uid } from "../support/targets";
import { loginFormFields, signIn } from "../support/web";

const jsonl = (...rows: unknown[]) => rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";
const FULL: ImportMapping = { input: "input", expectedOutput: "expectedOutput", metadata: "metadata", id: "id" };

describe.each(targets())("dataset import and export on $name", (t) => {
  const db = dbFor(t);
  const projectId = t.projectId;
  let owner: string;
  let viewer: string;
  let stranger: string;

  const signedIn = async (email: string, password: string) => {
    const reply = await signIn(t.baseUrl, await loginFormFields(t.baseUrl), { email, password });
    expect(reply.cookie, email).toBeTruthy();
    return reply.cookie!;
  };
  const importText = (ds: DatasetView, text: string, mode: ImportMode, mapping: ImportMapping = FULL, format: "jsonl" | "csv" = "jsonl", chunkRows = 2) =>
    runImport(db, ds, { format, mode, mapping, actorUserId: null, open: () => [text], chunkRows });
  const items = async (ds: DatasetView) => (await listItems(db, projectId, ds.id, { page: 1, limit: 100 })).items;
  const download = (ds: DatasetView, query: string, cookie = owner) =>
    fetch(`${t.baseUrl}/${projectId}/datasets/${ds.id}/export?${query}`, { headers: { cookie } });

  beforeAll(async () => {
    owner = await signedIn(t.userEmail, t.userPassword);
    const v = await createUser({ email: `${uid("viewer")}@itest.dev`, password: "viewer-password" }, db);
    await db.membership.create({ data: { projectId, userId: v.id, role: "viewer" } });
    viewer = await signedIn(v.email, "viewer-password");
    const s = await createUser({ email: `${uid("stranger")}@itest.dev`, password: "stranger-password" }, db);
    stranger = await signedIn(s.email, "stranger-password");
  });

  it("imports the valid rows and names each bad row's number and field", async () => {
    const other = await createDataset(db, projectId, { name: uid("other") });
    await writeItems(db, other, [{ id: "held-elsewhere", input: "x" }], null);
    const ds = await createDataset(db, projectId, { name: uid("valid"), inputSchema: { type: "object", required: ["q"] } });
    const text = jsonl(
      { input: { q: "2+2" }, expectedOutput: "4" },
      "{not json",
      { input: { nope: 1 }, expectedOutput: "x" },
      { id: "held-elsewhere", input: { q: "a" }, expectedOutput: "b" },
      { input: { q: "b" } },
      { input: { q: "capital of France" }, expectedOutput: "Paris", metadata: { tag: "geo" } },
    );
    const { result, errors } = await importText(ds, text, "valid");
    expect(result).toMatchObject({ phase: "done", rows: 6, created: 2, updated: 0, failed: 4 });
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, ""],
      [3, "input"],
      [4, "id"],
      [5, "expectedOutput"],
    ]);
    expect(errors[0].message).toMatch(/not valid JSON/);
    expect(errors[1].message).toMatch(/does not match the dataset's schema/);
    expect(errors[2].message).toMatch(/belongs to another dataset/);
    expect(errors[3].message).toBe('key "expectedOutput" is missing');
    const stored = await items(ds);
    expect(stored.map((i) => i.expectedOutput).sort()).toEqual(["4", "Paris"]);
    expect(stored.every((i) => i.origin === "IMPORT")).toBe(true);
  });

  it("all-or-nothing: one bad row leaves the dataset as it was; a clean file upserts by id", async () => {
    const ds = await createDataset(db, projectId, { name: uid("all") });
    const e1 = uid("e1");
    await writeItems(db, ds, [{ id: e1, input: "old", expectedOutput: "old" }], null);
    const bad = jsonl({ id: e1, input: "new", expectedOutput: "new" }, { id: uid("n"), input: "fresh", expectedOutput: "y" }, { id: uid("z"), input: "z", expectedOutput: "z", status: "GONE" });
    const refused = await importText(ds, bad, "all");
    expect(refused.result).toMatchObject({ created: 0, updated: 0, failed: 1, rows: 3 });
    expect(refused.errors).toEqual([{ row: 3, field: "status", message: "must be ACTIVE or ARCHIVED" }]);
    expect((await items(ds)).map((i) => [i.id, i.input])).toEqual([[e1, "old"]]);

    const dup = await importText(ds, jsonl({ id: "same", input: 1, expectedOutput: 1 }, { id: "same", input: 2, expectedOutput: 2 }), "all");
    expect(dup.errors).toEqual([{ row: 2, field: "id", message: '"same" is already used on row 1' }]);

    const clean = bad.split("\n").slice(0, 2).join("\n");
    const ok = await importText(ds, clean, "all");
    expect(ok.result).toMatchObject({ created: 1, updated: 1, failed: 0 });
    const now = await items(ds);
    expect(now.find((i) => i.id === e1)).toMatchObject({ input: "new", expectedOutput: "new", version: 2 });
    expect((await listVersions(db, projectId, e1)).map((v) => v.change)).toEqual(["UPDATE", "CREATE"]);
  });

  it("imports CSV: JSON cells as JSON, text as text, a missing column named per row", async () => {
    const ds = await createDataset(db, projectId, { name: uid("csv") });
    const csv = 'key,question,answer\r\nk1,"{""q"":""2+2""}",4\r\nk2,plain text,"""4"""\r\n';
    const { result } = await importText(ds, csv, "valid", { input: "question", expectedOutput: "answer", id: "key" }, "csv");
    expect(result).toMatchObject({ created: 2, failed: 0 });
    const byId = Object.fromEntries((await items(ds)).map((i) => [i.id, i]));
    expect(byId.k1).toMatchObject({ input: { q: "2+2" }, expectedOutput: 4 });
    expect(byId.k2).toMatchObject({ input: "plain text", expectedOutput: "4" });
    const missing = await importText(ds, csv, "valid", { input: "question", expectedOutput: "nope" }, "csv");
    expect(missing.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [1, "expectedOutput", 'column "nope" is missing'],
      [2, "expectedOutput", 'column "nope" is missing'],
    ]);
  });

  it("exports JSONL and CSV that import back to the same items (streamed, as attachments, with the items table's filters)", async () => {
    const ds = await createDataset(db, projectId, { name: uid("round trip") });
    await writeItems(db, ds, [
      { id: uid("a"), input: "4", expectedOutput: 4, metadata: null },
      { id: uid("b"), input: { messages: [{ role: "user", content: 'say "hi",\nplease' }] }, expectedOutput: { content: "hi" }, metadata: { tags: ["x"] }, sourceTraceId: "tr-1" },
      { id: uid("c"), input: [1, null, true], expectedOutput: null, metadata: "m", status: "ARCHIVED" },
    ], null);
    const before = await items(ds);
    const pick = (list: typeof before) => list.map((i) => ({ id: i.id, input: i.input, expectedOutput: i.expectedOutput, metadata: i.metadata, status: i.status, sourceTraceId: i.sourceTraceId, sourceObservationId: i.sourceObservationId })).sort((x, y) => x.id.localeCompare(y.id));

    for (const format of ["jsonl", "csv"] as const) {
      const res = await download(ds, `format=${format}&status=all`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="round-trip-[^"]+-\\d{4}-\\d{2}-\\d{2}\\.${format}"`));
      const text = await res.text();
      await deleteItems(db, projectId, before.map((i) => i.id), null);
      const back = await importText(ds, text, "all", FULL, format, 1000);
      expect(back.result, format).toMatchObject({ created: 3, failed: 0 });
      expect(pick(await items(ds)), format).toEqual(pick(before));
    }

    const archived = await (await download(ds, "format=jsonl&status=archived")).text();
    expect(archived.trim().split("\n").map((l) => JSON.parse(l).input)).toEqual([[1, null, true]]);
    const searched = await (await download(ds, "format=csv&q=please&status=all")).text();
    expect(searched.trim().split("\r\n")).toHaveLength(2);
  });

  it("exports the OpenAI chat format, skipping and counting what cannot be shaped", async () => {
    const ds = await createDataset(db, projectId, { name: uid("openai") });
    await writeItems(db, ds, [
      { id: uid("s"), input: "What is 2+2?", expectedOutput: "4" },
      { id: uid("m"), input: [{ role: "system", content: "Be brief." }, { role: "user", content: "Capital of France?" }], expectedOutput: { role: "assistant", content: "Paris" } },
      { id: uid("x"), input: { q: "not chat" }, expectedOutput: "no" },
      { id: uid("y"), input: "no answer", expectedOutput: null },
    ], null);
    const res = await download(ds, "format=openai");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-loupe-skipped")).toBe("2");
    expect(res.headers.get("content-disposition")).toMatch(/-openai\.jsonl"/);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ messages: [{ role: "user", content: "What is 2+2?" }, { role: "assistant", content: "4" }] });
    expect(lines).toContainEqual({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Capital of France?" }, { role: "assistant", content: "Paris" }] });
    expect(lines).toHaveLength(2);
  });

  it("refuses the export to a stranger and a signed-out request, and the upload to a viewer", async () => {
    const ds = await createDataset(db, projectId, { name: uid("guarded") });
    expect((await download(ds, "format=jsonl", stranger)).status).toBe(404);
    const signedOut = await fetch(`${t.baseUrl}/${projectId}/datasets/${ds.id}/export?format=jsonl`, { redirect: "manual" });
    expect(signedOut.status).toBe(307);
    expect(signedOut.headers.get("location")).toMatch(/\/login\?next=/);
    expect((await download(ds, "format=jsonl", "loupe_session=not-a-session")).status).toBe(401);
    expect((await download(ds, "format=jsonl", viewer)).status).toBe(200);
    expect((await download(ds, "format=xml")).status).toBe(400);
    const upload = (cookie: string) =>
      fetch(`${t.baseUrl}/${projectId}/datasets/${ds.id}/import/upload?format=jsonl&input=input`, { method: "POST", headers: { cookie }, body: jsonl({ input: "x" }) });
    expect((await upload(viewer)).status).toBe(403);
    expect((await upload(stranger)).status).toBe(404);
    const ok = await upload(owner);
    expect(ok.status).toBe(202);
    expect((await ok.json()).kind).toBe("IMPORT");
  });

  it("imports through the public API as a job whose progress is polled", async () => {
    const name = uid("api import");
    const ds = await createDataset(db, projectId, { name });
    const rows = Array.from({ length: 2500 }, (_, i) => ({ id: `r${i}`, input: { n: i }, expectedOutput: String(i * 2) }));
    rows[1700] = { id: "r1700", input: { n: 1700 }, expectedOutput: undefined as unknown as string };
    const res = await api(t, `/api/public/datasets/${encodeURIComponent(name)}/import?format=jsonl&mode=valid&input=input&expectedOutput=expectedOutput&id=id`, {
      method: "POST",
      body: jsonl(...rows),
      headers: { "content-type": "application/x-ndjson" },
    });
    expect(res.status).toBe(202);
    const started = await res.json();
    expect(Object.keys(started).sort()).toEqual(["done", "id", "status", "total"]);
    let job = started;
    const seen = new Set<number>();
    for (let i = 0; i < 200 && !["DONE", "FAILED", "CANCELLED"].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = await (await api(t, `/api/public/jobs/${started.id}`)).json();
      seen.add(job.done);
    }
    expect(job).toMatchObject({ status: "DONE", kind: "IMPORT", total: 2500, done: 2500, failed: 1 });
    expect(job.result).toMatchObject({ created: 2499, updated: 0, failed: 1 });
    expect(job.failures).toEqual([{ source: "row 1701", reason: 'expectedOutput: key "expectedOutput" is missing' }]);
    expect((await listItems(db, projectId, ds.id, { page: 1, limit: 1 })).totalItems).toBe(2499);

    // All-or-nothing through the API: one bad row, the job fails, nothing is written.
    const strict = await createDataset(db, projectId, { name: uid("api strict") });
    const refused = await api(t, `/api/public/datasets/${encodeURIComponent(strict.name)}/import?format=jsonl&mode=all&input=q&expectedOutput=a`, {
      method: "POST",
      body: jsonl({ q: 1, a: 1 }, { q: 2 }, { q: 3, a: 3 }),
    });
    expect(refused.status).toBe(202);
    const strictId = (await refused.json()).id;
    let strictJob = { status: "QUEUED" } as { status: string; error?: string; failures?: unknown; result?: unknown };
    for (let i = 0; i < 100 && ["QUEUED", "RUNNING"].includes(strictJob.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      strictJob = await (await api(t, `/api/public/jobs/${strictId}`)).json();
    }
    expect(strictJob.status).toBe("FAILED");
    expect(strictJob.error).toMatch(/^Nothing imported: 1 of 3 rows are not valid/);
    expect(strictJob.failures).toEqual([{ source: "row 2", reason: 'expectedOutput: key "a" is missing' }]);
    expect((await listItems(db, projectId, strict.id, { page: 1, limit: 1 })).totalItems).toBe(0);

    expect((await api(t, `/api/public/datasets/${uid("nope")}/import?format=jsonl&input=input`, { method: "POST", body: "{}" })).status).toBe(404);
    const bad = await api(t, `/api/public/datasets/${encodeURIComponent(name)}/import?format=xml`, { method: "POST", body: "{}" });
    expect(bad.status).toBe(400);
    expect((await api(t, `/api/public/jobs/${uid("job")}`)).status).toBe(404);
  });
});
