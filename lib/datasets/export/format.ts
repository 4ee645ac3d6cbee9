// How an item is written in each export format. Pure: unit-tested.
// JSONL and CSV carry the same columns; the CSV's JSON cells hold the value as
// JSON text (so the string "4" is `"4"` and the number 4 is `4`), which the CSV
// import reads back to the same value.
import { z } from "zod";
import type { ItemOrigin, ItemStatus, ItemView } from "../schemas";

export const EXPORT_FORMATS = ["jsonl", "csv", "openai"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COLUMNS = ["id", "input", "expectedOutput", "metadata", "sourceTraceId", "sourceObservationId", "status"] as const;
const JSON_COLUMNS = new Set(["input", "expectedOutput", "metadata"]);

export type ExportRow = Pick<ItemView, (typeof EXPORT_COLUMNS)[number]>;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  openai: "application/x-ndjson; charset=utf-8",
};

export function exportRow(item: ItemView): ExportRow {
  const out = {} as Record<string, unknown>;
  for (const c of EXPORT_COLUMNS) out[c] = item[c] ?? null;
  return out as ExportRow;
}

export const jsonlLine = (item: ItemView) => `${JSON.stringify(exportRow(item))}\n`;

/** One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvHeader = () => `${EXPORT_COLUMNS.join(",")}\r\n`;

export function csvLine(item: ItemView): string {
  const row = exportRow(item) as Record<string, unknown>;
  const cells = EXPORT_COLUMNS.map((c) => {
    const v = row[c];
    if (v === null || v === undefined) return "";
    return csvField(JSON_COLUMNS.has(c) ? JSON.stringify(v) : String(v));
  });
  return `${cells.join(",")}\r\n`;
}

export interface ChatMessage {
  role: string;
  content: unknown;
  [k: string]: unknown;
}

const ROLES = new Set(["system", "developer", "user", "assistant", "tool"]);

function asMessage(m: unknown): ChatMessage | null {
  if (!m || typeof m !== "object" || Array.isArray(m)) return null;
  const { role, content } = m as { role?: unknown; content?: unknown };
  if (typeof role !== "string" || !ROLES.has(role)) return null;
  if (typeof content !== "string" && !Array.isArray(content) && !(content === null && role === "assistant")) return null;
  return m as ChatMessage;
}

/** The conversation of an input: an array of {role, content}, `{messages: [...]}`, or a string (one user message). */
export function chatMessages(input: unknown): ChatMessage[] | null {
  if (typeof input === "string") return input.trim() ? [{ role: "user", content: input }] : null;
  const list = Array.isArray(input) ? input : input && typeof input === "object" && Array.isArray((input as { messages?: unknown }).messages) ? (input as { messages: unknown[] }).messages : null;
  if (!list?.length) return null;
  const messages = list.map(asMessage);
  return messages.every((m): m is ChatMessage => m !== null) ? messages : null;
}

/** The assistant's answer of an expected output: a string, `{content: "…"}`, or an assistant message. */
export function assistantMessage(expected: unknown): ChatMessage | null {
  if (typeof expected === "string") return expected.trim() ? { role: "assistant", content: expected } : null;
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    const { role, content } = expected as { role?: unknown; content?: unknown };
    if ((role === undefined || role === "assistant") && typeof content === "string" && content.trim()) return { ...(expected as object), role: "assistant", content };
  }
  return null;
}

/**
 * OpenAI chat fine-tuning: `{"messages": [...input messages, assistant]}`, or
 * null when the item cannot be shaped (its input is not chat-shaped or its
 * expected output is no assistant answer): such items are skipped and counted.
 */
export function openaiLine(item: Pick<ItemView, "input" | "expectedOutput">): string | null {
  const messages = chatMessages(item.input);
  const answer = assistantMessage(item.expectedOutput);
  if (!messages || !answer) return null;
  return `${JSON.stringify({ messages: [...messages, answer] })}\n`;
}

/** The export's query string: the format and the items table's filters (search, status, origin). */
/** The format; the items are the items table's filter (lib/datasets/item-filter.ts), so an export is what the table shows. */
export const exportFormatSchema = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "must be jsonl, csv or openai" }).default("jsonl"),
});
export interface ExportQuery {
  format: ExportFormat;
  search?: string;
  status?: ItemStatus;
  origin?: ItemOrigin;
}

/** The download's file name: the dataset's name made safe, the date, the format. */
export function exportFileName(datasetName: string, format: ExportFormat, now = new Date()): string {
  const base = datasetName.normalize("NFKD").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "dataset";
  const day = now.toISOString().slice(0, 10);
  return `${base}-${day}${format === "openai" ? "-openai.jsonl" : format === "csv" ? ".csv" : ".jsonl"}`;
}
