// A structural diff of two JSON values, key by key: what keys were added,
// removed or changed (nested, arrays index by index), each changed string
// leaf word-diffed with jsdiff (through lib/diff.ts). Pure; the compare view
// renders it (components/diff/value-diff.tsx). Bounded: at most
// JSON_DIFF_MAX_ENTRIES entries (beyond, the caller falls back to the capped
// text diff), all leaves sharing one time budget.
import { DIFF_BUDGET_MS, diffValues, type DiffOptions, type DiffPart } from "./diff";

/** Entries a structural diff lists at most; a bigger one is diffed as text (which caps its size). */
export const JSON_DIFF_MAX_ENTRIES = 2000;

export type JsonPath = (string | number)[];

export interface JsonDiffEntry {
  path: JsonPath;
  kind: "same" | "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
  /** the word diff of a changed leaf (strings word by word, other values as their JSON text) */
  parts?: DiffPart[];
  /** the changed leaf was too long ("size") or too slow ("time") to diff: parts are its cut before and after */
  tooLong?: "size" | "time";
}

type Structured = Record<string, unknown> | unknown[];

const isStructured = (v: unknown): v is Structured => typeof v === "object" && v !== null;

/**
 * The value as a structure when it is one: objects and arrays, and strings
 * holding a JSON object or array (a model's answer is often JSON as text).
 */
export function asStructured(v: unknown): Structured | null {
  if (isStructured(v)) return v;
  if (typeof v === "string") {
    const t = v.trim();
    if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
      try {
        const parsed: unknown = JSON.parse(t);
        return isStructured(parsed) ? parsed : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isStructured(a) || !isStructured(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const leafText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

class TooManyEntries extends Error {}

function push(out: JsonDiffEntry[], e: JsonDiffEntry): void {
  if (out.length >= JSON_DIFF_MAX_ENTRIES) throw new TooManyEntries();
  out.push(e);
}

function leafDiff(a: unknown, b: unknown, opts: DiffOptions): Pick<JsonDiffEntry, "parts" | "tooLong"> {
  const d = diffValues(leafText(a), leafText(b), opts);
  if (!d.tooLong) return { parts: d.parts };
  const ell = (text: string, chars: number) => (chars > text.length ? `${text}…` : text);
  return { tooLong: d.reason, parts: [{ kind: "removed", text: ell(d.before, d.beforeChars) }, { kind: "added", text: ell(d.after, d.afterChars) }] };
}

function walk(path: JsonPath, a: unknown, b: unknown, out: JsonDiffEntry[], opts: DiffOptions): void {
  if (deepEqual(a, b)) {
    push(out, { path, kind: "same", before: a, after: b });
    return;
  }
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = isStructured(a) && isStructured(b) && !Array.isArray(a) && !Array.isArray(b);
  if (bothArrays) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length) push(out, { path: [...path, i], kind: "added", after: b[i] });
      else if (i >= b.length) push(out, { path: [...path, i], kind: "removed", before: a[i] });
      else walk([...path, i], a[i], b[i], out, opts);
    }
    return;
  }
  if (bothObjects) {
    // Keys sorted, so two orders of the same object diff alike.
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      if (!Object.hasOwn(a, k)) push(out, { path: [...path, k], kind: "added", after: b[k] });
      else if (!Object.hasOwn(b, k)) push(out, { path: [...path, k], kind: "removed", before: a[k] });
      else walk([...path, k], a[k], b[k], out, opts);
    }
    return;
  }
  // A leaf, or a value whose shape changed: word-diff the texts.
  push(out, { path, kind: "changed", before: a, after: b, ...leafDiff(a, b, opts) });
}

/**
 * Every leaf of the two values with what happened to it, in key order; null
 * when they are not both structures, or when the diff would list more than
 * JSON_DIFF_MAX_ENTRIES entries (the text diff then says it is too long).
 */
export function diffJson(before: unknown, after: unknown, opts: DiffOptions = {}): JsonDiffEntry[] | null {
  const a = asStructured(before);
  const b = asStructured(after);
  if (!a || !b) return null;
  const out: JsonDiffEntry[] = [];
  try {
    walk([], a, b, out, { deadline: Math.min(opts.deadline ?? Infinity, Date.now() + DIFF_BUDGET_MS) });
  } catch (err) {
    if (err instanceof TooManyEntries) return null;
    throw err;
  }
  return out;
}

export type CollapsedEntry = JsonDiffEntry | { kind: "collapsed"; count: number };

/**
 * Long runs of unchanged entries folded to "N unchanged": `keep` entries of
 * context stay on each side of a change (a run at the start or end keeps them
 * only on its changed side), so the changes of a 500-key object read at once.
 */
export function collapseUnchanged(entries: readonly JsonDiffEntry[], keep = 2): CollapsedEntry[] {
  const out: CollapsedEntry[] = [];
  for (let i = 0; i < entries.length; ) {
    if (entries[i]!.kind !== "same") {
      out.push(entries[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < entries.length && entries[j]!.kind === "same") j++;
    const head = i === 0 ? 0 : keep;
    const tail = j === entries.length ? 0 : keep;
    if (j - i > head + tail + 1) {
      out.push(...entries.slice(i, i + head), { kind: "collapsed", count: j - i - head - tail }, ...entries.slice(j - tail, j));
    } else out.push(...entries.slice(i, j));
    i = j;
  }
  return out;
}

/** A path as it reads: `answer.items[2].name`; the root is `(root)`. */
export function formatJsonPath(path: JsonPath): string {
  if (!path.length) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (i ? `.${p}` : p) : `[${JSON.stringify(p)}]`)).join("");
}

export const jsonDiffUnchanged = (entries: readonly JsonDiffEntry[]) => entries.every((e) => e.kind === "same");
