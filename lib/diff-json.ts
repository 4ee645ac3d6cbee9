// A structural diff of two JSON values, key by key: what keys were added,
// removed or changed (nested, arrays index by index), each changed string
// leaf word-diffed with jsdiff (through lib/diff.ts). Pure; the compare view
// renders it (components/diff/value-diff.tsx).
import { diffParts, type DiffPart } from "./diff";

export type JsonPath = (string | number)[];

export interface JsonDiffEntry {
  path: JsonPath;
  kind: "same" | "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
  /** the word diff of a changed leaf (strings word by word, other values as their JSON text) */
  parts?: DiffPart[];
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

function walk(path: JsonPath, a: unknown, b: unknown, out: JsonDiffEntry[]): void {
  if (deepEqual(a, b)) {
    out.push({ path, kind: "same", before: a, after: b });
    return;
  }
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = isStructured(a) && isStructured(b) && !Array.isArray(a) && !Array.isArray(b);
  if (bothArrays) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length) out.push({ path: [...path, i], kind: "added", after: b[i] });
      else if (i >= b.length) out.push({ path: [...path, i], kind: "removed", before: a[i] });
      else walk([...path, i], a[i], b[i], out);
    }
    return;
  }
  if (bothObjects) {
    // Keys sorted, so two orders of the same object diff alike.
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      if (!Object.hasOwn(a, k)) out.push({ path: [...path, k], kind: "added", after: b[k] });
      else if (!Object.hasOwn(b, k)) out.push({ path: [...path, k], kind: "removed", before: a[k] });
      else walk([...path, k], a[k], b[k], out);
    }
    return;
  }
  // A leaf, or a value whose shape changed: word-diff the texts.
  out.push({ path, kind: "changed", before: a, after: b, parts: diffParts(leafText(a), leafText(b)) });
}

/** Every leaf of the two values with what happened to it, in key order; null when they are not both structures. */
export function diffJson(before: unknown, after: unknown): JsonDiffEntry[] | null {
  const a = asStructured(before);
  const b = asStructured(after);
  if (!a || !b) return null;
  const out: JsonDiffEntry[] = [];
  walk([], a, b, out);
  return out;
}

/** A path as it reads: `answer.items[2].name`; the root is `(root)`. */
export function formatJsonPath(path: JsonPath): string {
  if (!path.length) return "(root)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (i ? `.${p}` : p) : `[${JSON.stringify(p)}]`)).join("");
}

export const jsonDiffUnchanged = (entries: readonly JsonDiffEntry[]) => entries.every((e) => e.kind === "same");
