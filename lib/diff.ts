// Text and JSON diffs as plain parts (jsdiff underneath). Pure: the item
// history and the correction editor render them (components/diff).
import { diffLines, diffWordsWithSpace } from "diff";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** A JSON value as the text a diff compares: strings as themselves, the rest pretty-printed with sorted keys. */
export function diffText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** Word diff for short or prose text, line diff for long or structured text (a word diff of big JSON is noise and slow). */
export function diffParts(before: unknown, after: unknown): DiffPart[] {
  const a = diffText(before);
  const b = diffText(after);
  const byLine = a.length + b.length > 4000 || a.includes("\n") || b.includes("\n");
  const changes = byLine ? diffLines(a, b) : diffWordsWithSpace(a, b);
  return changes.map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}

export const isUnchanged = (parts: DiffPart[]) => parts.every((p) => p.kind === "same");
