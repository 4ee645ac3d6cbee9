// Text and JSON diffs as plain parts (jsdiff underneath). Pure: the item
// history, the correction editor and the compare view render them
// (components/diff). Bounded: a side longer than DIFF_MAX_CHARS is not diffed,
// and every jsdiff call has a timeout, so one huge output cannot stall a
// server render (or the correction editor's keystrokes).
import { diffLines, diffWordsWithSpace, type ChangeObject } from "diff";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Characters of each side a diff looks at; beyond, the text is shown cut with "too long to diff". */
export const DIFF_MAX_CHARS = 20_000;
/** The most one diff (all its jsdiff calls together) may take before it gives up. */
export const DIFF_BUDGET_MS = 150;

export type DiffResult =
  | { tooLong: false; parts: DiffPart[] }
  /** not diffed: a side is over DIFF_MAX_CHARS ("size") or jsdiff ran out of time ("time"); the texts cut to DIFF_MAX_CHARS */
  | { tooLong: true; reason: "size" | "time"; before: string; after: string; beforeChars: number; afterChars: number };

export interface DiffOptions {
  /** Date.now() past which no jsdiff call starts (several diffs sharing one budget) */
  deadline?: number;
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

const kindOf = (c: ChangeObject<string>): DiffPart["kind"] => (c.added ? "added" : c.removed ? "removed" : "same");

/** Adjacent parts of one kind as one part (fewer spans to render). */
function merged(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.kind === p.kind) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** Below this share of the shorter text kept, a word diff is confetti: show the texts replaced whole instead. */
export const WORD_DIFF_MIN_SHARED = 0.4;

const solid = (t: string) => t.replace(/\s+/g, "").length;

/**
 * The word diff of two texts, or — when they share too little for it to read
 * (a rewritten answer) — the one removed and the other added, as a reviewer
 * reads it. Null when out of time.
 */
function wordsOrBlock(a: string, b: string, timeoutMs: number): DiffPart[] | null {
  const words = diffWordsWithSpace(a, b, { timeout: timeoutMs });
  if (!words) return null;
  const shared = words.reduce((n, w) => (w.added || w.removed ? n : n + solid(w.value)), 0);
  const shorter = Math.min(solid(a), solid(b));
  if (shorter > 0 && shared < WORD_DIFF_MIN_SHARED * shorter) {
    return [
      { kind: "removed", text: a },
      { kind: "added", text: b },
    ];
  }
  return words.map((w) => ({ kind: kindOf(w), text: w.value }));
}

/**
 * Word diff of two texts, multi-line ones included: a line diff first (fast
 * on long text), then a word diff inside each removed/added pair of lines, so
 * a changed word in a paragraph shows as that word. Null when out of time.
 */
function wordDiff(a: string, b: string, deadline: number): DiffPart[] | null {
  const timeout = () => Math.max(0, deadline - Date.now());
  if (timeout() <= 0) return null;
  if (!a.includes("\n") && !b.includes("\n")) {
    return wordsOrBlock(a, b, timeout());
  }
  const lines = diffLines(a, b, { timeout: timeout() });
  if (!lines) return null;
  const out: DiffPart[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i]!;
    const next = lines[i + 1];
    if (c.removed && next?.added) {
      const t = timeout();
      const words = t > 0 ? wordsOrBlock(c.value, next.value, t) : null;
      // Out of time inside: this pair stays a line diff (still right, only coarser).
      if (words) out.push(...words);
      else out.push({ kind: "removed", text: c.value }, { kind: "added", text: next.value });
      i++;
    } else out.push({ kind: kindOf(c), text: c.value });
  }
  return out;
}

/** The diff of two values (diffText), word by word, bounded by DIFF_MAX_CHARS and DIFF_BUDGET_MS. */
export function diffValues(before: unknown, after: unknown, opts: DiffOptions = {}): DiffResult {
  const a = diffText(before);
  const b = diffText(after);
  const cut = (reason: "size" | "time"): DiffResult => ({ tooLong: true, reason, before: a.slice(0, DIFF_MAX_CHARS), after: b.slice(0, DIFF_MAX_CHARS), beforeChars: a.length, afterChars: b.length });
  if (a === b) return { tooLong: false, parts: a ? [{ kind: "same", text: a }] : [] };
  if (a.length > DIFF_MAX_CHARS || b.length > DIFF_MAX_CHARS) return cut("size");
  const parts = wordDiff(a, b, Math.min(opts.deadline ?? Infinity, Date.now() + DIFF_BUDGET_MS));
  return parts ? { tooLong: false, parts: merged(parts) } : cut("time");
}

/** The parts of diffValues; a diff too long to make is the whole (cut) before removed and after added. */
export function diffParts(before: unknown, after: unknown, opts: DiffOptions = {}): DiffPart[] {
  const d = diffValues(before, after, opts);
  if (!d.tooLong) return d.parts;
  const ell = (text: string, chars: number) => (chars > text.length ? `${text}…` : text);
  return merged([
    { kind: "removed", text: ell(d.before, d.beforeChars) },
    { kind: "added", text: ell(d.after, d.afterChars) },
  ]);
}

export const isUnchanged = (parts: DiffPart[]) => parts.every((p) => p.kind === "same");
