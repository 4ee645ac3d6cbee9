// Reading an import file as a stream of records, one at a time (memory stays
// flat whatever the file's size), and turning each record into an item write
// through the mapping. Pure apart from the streams: unit-tested on strings.
import { StringDecoder } from "node:string_decoder";
import { parse as csvParser } from "csv-parse";
import { DomainError } from "../../errors";
import { depthProblem } from "../../ingest/storable";
import { ITEM_STATUSES, itemIdSchema, type ItemStatus } from "../schemas";
import { MAPPED_FIELDS, PASSTHROUGH_FIELDS, type ImportFormat, type ImportMapping, type RowError } from "./schemas";

export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** One record of the file: its row number and fields, or why it could not be read. */
export type FileRecord = { row: number; record: Record<string, unknown>; error?: undefined } | { row: number; record?: undefined; error: RowError };

/** The item a row makes; fields left undefined are not imported (an upsert keeps the stored value). */
export interface RowWrite {
  id?: string;
  input?: unknown;
  expectedOutput?: unknown;
  metadata?: unknown;
  status?: ItemStatus;
  sourceTraceId?: string | null;
  sourceObservationId?: string | null;
}

export function readRecords(chunks: Chunks, format: ImportFormat): AsyncGenerator<FileRecord> {
  return format === "csv" ? readCsv(chunks) : readJsonl(chunks);
}

/**
 * How many records a file holds, for the progress bar: JSONL by counting
 * non-blank lines over the bytes (no parsing), CSV by reading it.
 */
export async function countRecords(chunks: Chunks, format: ImportFormat): Promise<number> {
  let n = 0;
  if (format === "csv") {
    for await (const rec of readCsv(chunks)) if (rec.record) n++;
    return n;
  }
  let blank = true;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 10) {
        if (!blank) n++;
        blank = true;
      } else if (blank && b !== 13 && b !== 32 && b !== 9) blank = false;
    }
  }
  return blank ? n : n + 1;
}

/** The longest JSONL line read (an item's input, output and metadata together). */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

/** Lines of a UTF-8 stream, without their \n or \r\n (a BOM at the start is dropped). */
async function* lines(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let scanned = 0;
  let first = true;
  for await (const chunk of chunks) {
    rest += typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (first && rest.length) {
      if (rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
      first = false;
    }
    // Look for line ends only in the text this chunk added: a line spread over
    // many chunks is scanned once, not again from its start with each chunk.
    let start = 0;
    let nl = rest.indexOf("\n", scanned);
    while (nl !== -1) {
      yield rest.slice(start, nl).replace(/\r$/, "");
      start = nl + 1;
      nl = rest.indexOf("\n", start);
    }
    rest = rest.slice(start);
    scanned = rest.length;
    if (rest.length > MAX_LINE_CHARS) throw new DomainError("invalid", `a line is longer than ${MAX_LINE_CHARS.toLocaleString("en-US")} characters`, { path: "file" });
  }
  rest += decoder.end();
  if (rest.length) yield rest.replace(/\r$/, "");
}

/** JSONL: one JSON object per line; the row number is the line number (blank lines are skipped but counted). */
async function* readJsonl(chunks: Chunks): AsyncGenerator<FileRecord> {
  let row = 0;
  for await (const line of lines(chunks)) {
    row++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      yield { row, error: { row, field: "", message: `not valid JSON: ${(err as Error).message}` } };
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      yield { row, error: { row, field: "", message: "must be a JSON object (one item per line)" } };
      continue;
    }
    yield { row, record: value as Record<string, unknown> };
  }
}

/**
 * CSV (RFC 4180, a header line naming the columns): the row number counts data
 * records, the header excluded, so row 1 is the first item. Cells stay text
 * here; cellValue() decides what a cell holds. A syntax error (an unclosed
 * quote) ends the file: what follows cannot be read reliably.
 */
async function* readCsv(chunks: Chunks): AsyncGenerator<FileRecord> {
  const parser = csvParser({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true });
  // Records are queued as the parser makes them (an error would otherwise drop
  // the ones not yet read); the feeder waits while the queue is long, so
  // memory stays bounded whatever the file's size.
  const queue: Array<{ record: Record<string, unknown> } | { error: Error }> = [];
  let ended = false;
  const wake: { reader: (() => void) | null; feeder: (() => void) | null } = { reader: null, feeder: null };
  const notify = () => {
    wake.reader?.();
    wake.reader = null;
  };
  parser.on("data", (record: Record<string, unknown>) => {
    queue.push({ record });
    notify();
  });
  parser.on("error", (error: Error) => {
    queue.push({ error });
    ended = true;
    notify();
  });
  parser.on("end", () => {
    ended = true;
    notify();
  });
  let stop = false;
  const feed = (async () => {
    try {
      for await (const chunk of chunks) {
        if (stop || ended) break;
        parser.write(chunk);
        while (queue.length > 2000 && !stop) await new Promise<void>((r) => (wake.feeder = r));
      }
      if (!ended) parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();
  let row = 0;
  try {
    for (;;) {
      const next = queue.shift();
      if (queue.length <= 1000) {
        wake.feeder?.();
        wake.feeder = null;
      }
      if (!next) {
        if (ended) break;
        await new Promise<void>((r) => (wake.reader = r));
        continue;
      }
      row++;
      if ("error" in next) {
        yield { row, error: { row, field: "", message: `CSV cannot be read from here on: ${next.error.message}` } };
        break;
      }
      yield { row, record: next.record };
    }
  } finally {
    stop = true;
    wake.feeder?.();
    parser.destroy();
    await feed;
  }
}

/**
 * What a CSV cell holds: JSON when it parses as JSON (`{"q":1}`, `[1,2]`, `42`,
 * `true`, `"quoted text"`), else the text itself; an empty cell is null. So
 * `hello` is the string "hello" and `42` the number 42 — to import the string
 * "42", write it as JSON: `"42"` (the CSV export does).
 */
export function cellValue(cell: string): unknown {
  if (cell === "") return null;
  const t = cell.trim();
  if (/^[[{"]|^-?\d|^(true|false|null)$/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return cell;
    }
  }
  return cell;
}

/** The columns or keys found in records (first seen first). */
export function columnsOf(records: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

const asText = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);

/**
 * A record through the mapping: the item write, or the row's errors by field.
 * CSV cells are decoded with cellValue (id, status and source ids stay text).
 * A JSONL line without its mapped id or metadata key is fine (a new item; no
 * metadata); without its input or expected output key it is an error.
 */
export function mapRecord(record: Record<string, unknown>, row: number, mapping: ImportMapping, format: ImportFormat): { write: RowWrite; errors: RowError[] } {
  const errors: RowError[] = [];
  const write: RowWrite = {};
  const has = (key: string) => Object.prototype.hasOwnProperty.call(record, key);
  const value = (key: string) => (format === "csv" ? cellValue(String(record[key] ?? "")) : record[key]);
  for (const field of MAPPED_FIELDS) {
    const key = mapping[field];
    if (key === undefined) continue;
    if (!has(key)) {
      // A CSV row lacking a column means the file lacks it. A JSON object may
      // leave out its id (a new item) or metadata, but not what the item is for.
      if (format === "csv" || field === "input" || field === "expectedOutput") errors.push({ row, field, message: `${format === "csv" ? "column" : "key"} "${key}" is missing` });
      continue;
    }
    if (field === "id") {
      const id = asText(record[key]);
      if (id === null) {
        if (record[key] !== null && record[key] !== undefined && record[key] !== "") errors.push({ row, field, message: "must be a string" });
        continue;
      }
      const parsed = itemIdSchema.safeParse(id);
      if (!parsed.success) errors.push({ row, field, message: parsed.error.issues[0]?.message ?? "not a valid id" });
      else write.id = parsed.data;
      continue;
    }
    const v = value(key);
    const deep = depthProblem(v);
    if (deep) errors.push({ row, field, message: deep });
    else write[field] = v;
  }
  for (const field of PASSTHROUGH_FIELDS) {
    if (!has(field)) continue;
    const text = asText(record[field]);
    if (field === "status") {
      if (text === null) continue;
      if (!(ITEM_STATUSES as readonly string[]).includes(text)) errors.push({ row, field, message: "must be ACTIVE or ARCHIVED" });
      else write.status = text as ItemStatus;
    } else {
      write[field] = text;
    }
  }
  return { write, errors };
}
