// Running an import into a dataset: records streamed from the file, mapped,
// checked a chunk at a time (the dataset's JSON Schemas, ids held by another
// dataset, ids repeated in the file) and written through writeItems (origin
// IMPORT), ~1,000 rows per transaction. Mode "valid" writes each chunk's good
// rows as it goes; mode "all" reads the whole file once to check it, and only
// when no row failed reads it again to write, so a refused import leaves the
// dataset as it was.
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { DomainError, formatPath } from "../../errors";
import { checkAgainst, datasetValidators } from "../json-schema";
import { writeItems, type ItemWrite } from "../items";
import type { DatasetView } from "../schemas";
import { columnsOf, countRecords, mapRecord, readRecords, type Chunks, type RowWrite } from "./parse";
import { guessMapping, type ImportFormat, type ImportMapping, type ImportMode, type ImportPreview, type ImportResult, type RowError } from "./schemas";

export const CHUNK_ROWS = 1000;
export const PREVIEW_ROWS = 20;

type Validators = ReturnType<typeof datasetValidators>;
type MappedRow = { row: number; write: RowWrite };

/**
 * The rows of a chunk that may be written, and the errors of the others. `seen`
 * maps ids met so far in the file to their row (a repeated id is refused: which
 * row should win is the user's call, not ours).
 */
async function checkChunk(client: Db, dataset: DatasetView, rows: MappedRow[], validators: Validators, seen: Map<string, number> | null): Promise<{ ok: MappedRow[]; errors: RowError[] }> {
  const ids = rows.map((r) => r.write.id).filter((id): id is string => !!id);
  const stored = new Map<string, { datasetId: string; input: unknown; expectedOutput: unknown }>();
  if (ids.length) {
    const found = await client.datasetItem.findMany({ where: { projectId: dataset.projectId, id: { in: ids } }, select: { id: true, datasetId: true, input: true, expectedOutput: true } });
    for (const f of found) stored.set(f.id, f);
  }
  const ok: MappedRow[] = [];
  const errors: RowError[] = [];
  for (const r of rows) {
    const id = r.write.id;
    if (id && seen) {
      const first = seen.get(id);
      if (first !== undefined) {
        errors.push({ row: r.row, field: "id", message: `"${id}" is already used on row ${first}` });
        continue;
      }
      seen.set(id, r.row);
    }
    const prev = id ? stored.get(id) : undefined;
    if (prev && prev.datasetId !== dataset.id) {
      errors.push({ row: r.row, field: "id", message: `item "${id}" belongs to another dataset` });
      continue;
    }
    try {
      checkAgainst(validators.input, r.write.input !== undefined ? r.write.input : (prev?.input ?? null), ["input"]);
      checkAgainst(validators.expectedOutput, r.write.expectedOutput !== undefined ? r.write.expectedOutput : (prev?.expectedOutput ?? null), ["expectedOutput"]);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      errors.push({ row: r.row, field: formatPath(err.path ?? []), message: err.message });
      continue;
    }
    ok.push(r);
  }
  return { ok, errors };
}

type Counts = Pick<ImportResult, "created" | "updated" | "unchanged">;

/** Writes checked rows in one transaction; should it still refuse (a write racing ours), row by row so one row cannot sink the rest. */
async function writeChunk(client: Db, dataset: DatasetView, rows: MappedRow[], actor: string | null, counts: Counts, failOne: (e: RowError) => void): Promise<void> {
  const toWrite = (r: MappedRow): ItemWrite => ({ ...r.write, origin: "IMPORT" });
  const tally = (changes: { change: string }[]) => {
    for (const o of changes) counts[o.change as keyof Counts]++;
  };
  try {
    tally(await writeItems(client, dataset, rows.map(toWrite), actor, { pathOf: () => [] }));
  } catch (err) {
    if (!(err instanceof DomainError) || rows.length === 1) {
      if (err instanceof DomainError && rows.length === 1) return failOne({ row: rows[0].row, field: formatPath(err.path ?? []), message: err.message });
      throw err;
    }
    for (const r of rows) await writeChunk(client, dataset, [r], actor, counts, failOne);
  }
}

export interface ImportProgress {
  /** records handled in the current phase, and in all (null while unknown) */
  done: number;
  total: number | null;
  failed: number;
  /** the errors found since the last report */
  failures: RowError[];
  result: ImportResult;
  /** where to start again: resumeFrom of a later run */
  cursor: string;
}

export interface RunImportOptions {
  format: ImportFormat;
  mode: ImportMode;
  mapping: ImportMapping;
  actorUserId: string | null;
  /** opens the file again from its start (it is read more than once) */
  open: () => Chunks;
  onProgress?: (p: ImportProgress) => Promise<void>;
  /** a cursor a previous, interrupted run reported */
  resumeFrom?: string | null;
  chunkRows?: number;
  /**
   * Rows without an id get one made from this (the job's id) and their row
   * number, so a chunk written again after a crash updates what it wrote
   * instead of adding the rows twice.
   */
  idSeed?: string;
}

function rowItemId(seed: string, row: number): string {
  return createHash("sha256").update(`${seed}:${row}`).digest("hex").slice(0, 32);
}

type Cursor = { phase: "writing"; records: number; total: number | null } & Counts & { failed: number };

/** Imports a file into a dataset; returns the result and every row error found. */
export async function runImport(client: Db, dataset: DatasetView, o: RunImportOptions): Promise<{ result: ImportResult; errors: RowError[] }> {
  const validators = datasetValidators(dataset);
  const chunkRows = o.chunkRows ?? CHUNK_ROWS;
  const allErrors: RowError[] = [];
  const keep = (errs: RowError[]) => {
    // Every error is counted; the first thousand are listed (the job keeps as many).
    for (const e of errs) if (allErrors.length < 1000) allErrors.push(e);
  };
  const resume = o.resumeFrom ? (JSON.parse(o.resumeFrom) as Cursor) : null;
  const result: ImportResult = { phase: "checking", mode: o.mode, rows: 0, created: resume?.created ?? 0, updated: resume?.updated ?? 0, unchanged: resume?.unchanged ?? 0, failed: resume?.failed ?? 0 };

  /** Walks the file a chunk at a time: parse errors and mapping errors are rows' errors too. */
  async function walk(skip: number, each: (rows: MappedRow[], errors: RowError[], records: number) => Promise<void>) {
    let rows: MappedRow[] = [];
    let errors: RowError[] = [];
    let records = 0;
    let inChunk = 0;
    for await (const rec of readRecords(o.open(), o.format)) {
      records++;
      if (records <= skip) continue;
      inChunk++;
      if (rec.error) errors.push(rec.error);
      else {
        const mapped = mapRecord(rec.record, rec.row, o.mapping, o.format);
        if (mapped.errors.length) errors.push(...mapped.errors);
        else rows.push({ row: rec.row, write: mapped.write.id || !o.idSeed ? mapped.write : { ...mapped.write, id: rowItemId(o.idSeed, rec.row) } });
      }
      if (inChunk >= chunkRows) {
        await each(rows, errors, records);
        rows = [];
        errors = [];
        inChunk = 0;
      }
    }
    if (inChunk) await each(rows, errors, records);
    return records;
  }
  const rowsFailed = (errs: RowError[]) => new Set(errs.map((e) => e.row)).size;

  let total: number | null = resume?.total ?? null;
  if (o.mode === "all" && !resume) {
    // Pass 1: check every row, write nothing.
    const seen = o.mapping.id ? new Map<string, number>() : null;
    total = await walk(0, async (rows, errors, records) => {
      const checked = await checkChunk(client, dataset, rows, validators, seen);
      const errs = [...errors, ...checked.errors].sort((a, b) => a.row - b.row);
      result.failed += rowsFailed(errs);
      keep(errs);
      await o.onProgress?.({ done: records, total: null, failed: result.failed, failures: errs, result: { ...result }, cursor: "" });
    });
    result.rows = total;
    if (result.failed > 0) {
      result.phase = "done";
      return { result, errors: allErrors };
    }
  }

  // Pass 2 (or the one pass of mode "valid"): check and write a chunk at a time.
  result.phase = "writing";
  if (total === null) total = await countRecords(o.open(), o.format);
  result.rows = total;
  const seen = o.mapping.id ? new Map<string, number>() : null;
  let done = resume?.records ?? 0;
  result.rows = await walk(done, async (rows, errors, records) => {
    const checked = await checkChunk(client, dataset, rows, validators, seen);
    const errs = [...errors, ...checked.errors];
    await writeChunk(client, dataset, checked.ok, o.actorUserId, result, (e) => errs.push(e));
    errs.sort((a, b) => a.row - b.row);
    result.failed += rowsFailed(errs);
    keep(errs);
    done = records;
    const cursor: Cursor = { phase: "writing", records, total, created: result.created, updated: result.updated, unchanged: result.unchanged, failed: result.failed };
    await o.onProgress?.({ done, total, failed: result.failed, failures: errs, result: { ...result }, cursor: JSON.stringify(cursor) });
  });
  result.phase = "done";
  return { result, errors: allErrors };
}

/** The first rows of a file (its start, as text) as they will be stored, with each row's errors. */
export async function previewImport(client: Db, dataset: DatasetView, text: string, format: ImportFormat, mapping?: ImportMapping, truncated = false): Promise<ImportPreview> {
  const records: Array<{ row: number; record?: Record<string, unknown>; error?: RowError }> = [];
  for await (const rec of readRecords([text], format)) {
    records.push(rec);
    if (records.length >= PREVIEW_ROWS + 1) break;
  }
  // The start of a bigger file may end inside a row: drop the last record read then.
  if (truncated || records.length > PREVIEW_ROWS) records.pop();
  const columns = columnsOf(records.flatMap((r) => (r.record ? [r.record] : [])));
  const map = mapping ?? guessMapping(columns);
  const validators = datasetValidators(dataset);
  const rows: ImportPreview["rows"] = [];
  const mapped: MappedRow[] = [];
  for (const r of records) {
    if (r.error) {
      rows.push({ row: r.row, item: null, errors: [r.error] });
      continue;
    }
    const m = mapRecord(r.record!, r.row, map, format);
    rows.push({ row: r.row, item: m.write, errors: m.errors });
    if (!m.errors.length) mapped.push({ row: r.row, write: m.write });
  }
  if (map.input !== undefined || map.expectedOutput !== undefined) {
    const checked = await checkChunk(client, dataset, mapped, validators, new Map());
    for (const e of checked.errors) rows.find((r) => r.row === e.row)?.errors.push(e);
  }
  return { format, columns, mapping: map, rows };
}
