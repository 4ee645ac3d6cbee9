// `npm run bench:datasets`: dataset import, the items table and export on a
// fresh SQLite file, each figure printed beside its goal.
//
//   npm run bench:datasets -- [--rows 100000] [--runs 30] [--keep]
//
// 1. writes a JSONL file of N rows and imports it as the IMPORT job does
//    (upload file → runImport, 1,000 rows per transaction), sampling the
//    process RSS to show memory stays flat;
// 2. runs the items table's own query (listItemRows: the page's previews and its count) on
//    the N-item dataset: first page, a deep page, searches (a common word, a
//    rare one, one that matches nothing), status and origin filters; p50/p95;
// 3. streams the whole dataset out as JSONL, CSV and OpenAI (time, RSS).
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, dbReady } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { databaseTarget } from "../../lib/db/url";
import { createDataset } from "../../lib/datasets/datasets";
import { exportResponse } from "../../lib/datasets/export/stream";
import { listItems, type ItemListQuery } from "../../lib/datasets/item-list";
import { listItemRows } from "../../lib/datasets/item-table";
import { runImport } from "../../lib/datasets/import/run";
import { openUpload } from "../../lib/datasets/import/upload";

const { values: opts } = parseArgs({ options: { rows: { type: "string", default: "100000" }, runs: { type: "string", default: "30" }, keep: { type: "boolean", default: false }, explain: { type: "boolean", default: false } } });
const N = Number(opts.rows);
const RUNS = Number(opts.runs);
const dir = mkdtempSync(path.join(tmpdir(), "loupe-bench-datasets-"));
const target = databaseTarget(`file:${path.join(dir, "bench.db")}`);
const MB = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** Peak RSS while `fn` runs (sampled every 25 ms). */
async function withRss<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; before: number; peak: number }> {
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { value, ms, before, peak };
}

const WORDS = "what is the capital of france how many legs does a spider have explain photosynthesis briefly translate hello into german summarise this article".split(" ");

async function writeFile(file: string) {
  const out = createWriteStream(file);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < N; i++) {
    const words = Array.from({ length: 12 }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    if (i % 10_000 === 0) words.push("zanzibar"); // the rare word: N / 10,000 items
    const line = JSON.stringify({
      id: `item-${i}`,
      input: { messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: words.join(" ") }] },
      expectedOutput: `answer ${i}: ${words.slice(0, 6).join(" ")}`,
      metadata: { source: "bench", n: i },
    });
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** The plans SQLite picks for the items table's queries (the shapes of item-list.ts). */
async function explain(db: ReturnType<typeof createDb>, datasetId: string) {
  const where = (extra: string) => `WHERE i."datasetId" = '${datasetId}' AND EXISTS (SELECT 1 FROM "Dataset" d WHERE d."id" = '${datasetId}' AND d."projectId" = 'bench') ${extra}`;
  const shapes: Array<[string, string]> = [
    ["page", `SELECT i."id" FROM "DatasetItem" i ${where("")} ORDER BY i."createdAt" DESC, i."id" DESC LIMIT 50 OFFSET 49950`],
    ["count", `SELECT COUNT(*) FROM "DatasetItem" i ${where("")}`],
    ["status page", `SELECT i."id" FROM "DatasetItem" i ${where(`AND i."status" = 'ARCHIVED'`)} ORDER BY i."createdAt" DESC, i."id" DESC LIMIT 50`],
    ["origin page", `SELECT i."id" FROM "DatasetItem" i ${where(`AND i."origin" = 'PROMOTION'`)} ORDER BY i."createdAt" DESC, i."id" DESC LIMIT 50`],
    ["search count", `SELECT COUNT(*) FROM "DatasetItem" i ${where(`AND instr(i."searchText", 'x') > 0`)}`],
  ];
  for (const [label, q] of shapes) {
    const plan = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${q}`);
    console.log(`  plan ${label}: ${plan.map((r) => r.detail).join(" | ")}`);
  }
}

function p(values: number[], q: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function main() {
  await applyMigrations(target);
  const db = createDb(target);
  await dbReady(db, target);
  await db.project.create({ data: { id: "bench", name: "Bench" } });
  const ds = await createDataset(db, "bench", { name: "bench" });

  const file = path.join(dir, "import.jsonl");
  await writeFile(file);
  console.log(`wrote ${N.toLocaleString()} JSONL rows (${MB(statSync(file).size)})\n`);

  // RSS as the import goes: flat memory means it levels off instead of growing with the rows written.
  const marks: string[] = [];
  let nextMark = N / 5;
  const imp = await withRss(() =>
    runImport(db, ds, {
      format: "jsonl",
      mode: "valid",
      mapping: { input: "input", expectedOutput: "expectedOutput", metadata: "metadata", id: "id" },
      actorUserId: null,
      open: () => openUpload(file),
      onProgress: async (q) => {
        if (q.done >= nextMark) {
          marks.push(`${(q.done / 1000).toFixed(0)}k: ${MB(process.memoryUsage.rss())}`);
          nextMark += N / 5;
        }
      },
    }),
  );
  const r = imp.value.result;
  console.log(`import ${N.toLocaleString()} JSONL rows (mode valid): ${(imp.ms / 1000).toFixed(1)} s   goal < 20 s   ${imp.ms < 20_000 ? "ok" : "MISSED"}`);
  console.log(`  ${r.created} created, ${r.failed} failed; RSS ${MB(imp.before)} before, peak ${MB(imp.peak)} (+${MB(imp.peak - imp.before)}); as it went: ${marks.join(", ")}`);

  // Spread statuses and origins as a real dataset has them (10 % archived, 20 % promoted).
  await db.$executeRawUnsafe(`UPDATE "DatasetItem" SET "status" = 'ARCHIVED' WHERE CAST(substr("id", 6) AS INTEGER) % 10 = 3`);
  await db.$executeRawUnsafe(`UPDATE "DatasetItem" SET "origin" = 'PROMOTION' WHERE CAST(substr("id", 6) AS INTEGER) % 5 = 1`);
  await db.$executeRawUnsafe(`ANALYZE`);

  const all = await withRss(() =>
    runImport(db, ds, { format: "jsonl", mode: "all", mapping: { input: "input", expectedOutput: "expectedOutput", metadata: "metadata", id: "id" }, actorUserId: null, open: () => openUpload(file) }),
  );
  console.log(`re-import the same file (mode all: check pass + write pass, every row an update): ${(all.ms / 1000).toFixed(1)} s; RSS peak +${MB(all.peak - all.before)}`);
  await db.$executeRawUnsafe(`UPDATE "DatasetItem" SET "status" = 'ARCHIVED' WHERE CAST(substr("id", 6) AS INTEGER) % 10 = 3`);
  await db.$executeRawUnsafe(`UPDATE "DatasetItem" SET "origin" = 'PROMOTION' WHERE CAST(substr("id", 6) AS INTEGER) % 5 = 1`);

  console.log(`\nitems table on ${N.toLocaleString()} items (listItemRows, as the page runs it: page of 50 + count), ${RUNS} runs, goal p95 < 150 ms`);
  const cases: Array<[string, Omit<ItemListQuery, "limit" | "version" | "sourceTraceId" | "sourceObservationId">]> = [
    ["first page", { page: 1 }],
    ["deep page (1,000 of 50)", { page: Math.min(1000, Math.floor(N / 50)) }],
    ["search a common word (spider)", { page: 1, search: "spider" }],
    ["search a rare word (zanzibar)", { page: 1, search: "zanzibar" }],
    ["search a word nothing has", { page: 1, search: "qwxyzzy" }],
    ["status ARCHIVED", { page: 1, status: "ARCHIVED" }],
    ["origin PROMOTION", { page: 1, origin: "PROMOTION" }],
    ["status + origin, deep page", { page: 100, status: "ACTIVE", origin: "IMPORT" }],
  ];
  for (const [label, q] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      total = (await listItemRows(db, "bench", ds.id, { limit: 50, ...q })).totalItems;
      times.push(performance.now() - t0);
    }
    const p95 = p(times, 0.95);
    console.log(`  ${label.padEnd(32)} p50 ${p(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  ${p95 < 150 ? "ok" : "MISSED"}  (${total.toLocaleString()} match)`);
  }

  // The public API's `version` (the dataset as of a time, as an experiment pins it): what an SDK pages through.
  console.log(`\nGET /dataset-items?version=… on ${N.toLocaleString()} items (listItems as of now), ${RUNS} runs, goal p95 < 150 ms`);
  for (const [label, page] of [["first page", 1], ["deep page (1,000 of 50)", Math.min(1000, Math.floor(N / 50))]] as const) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      total = (await listItems(db, "bench", ds.id, { page, limit: 50, version: new Date() })).totalItems;
      times.push(performance.now() - t0);
    }
    const p95 = p(times, 0.95);
    console.log(`  ${label.padEnd(32)} p50 ${p(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  ${p95 < 150 ? "ok" : "MISSED"}  (${total.toLocaleString()} items)`);
  }

  if (opts.explain) await explain(db, ds.id);

  console.log(`\nexport ${N.toLocaleString()} items (streamed, keyset pages of 500)`);
  for (const format of ["jsonl", "csv", "openai"] as const) {
    const out = await withRss(async () => {
      const res = await exportResponse(db, ds, { format });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
      return { bytes, skipped: res.headers.get("x-loupe-skipped") };
    });
    console.log(`  ${format.padEnd(7)} ${(out.ms / 1000).toFixed(1)} s, ${MB(out.value.bytes)}${out.value.skipped !== null ? `, ${out.value.skipped} skipped` : ""}; RSS ${MB(out.before)} → peak ${MB(out.peak)} (+${MB(out.peak - out.before)})`);
  }
  await db.$disconnect();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  });
