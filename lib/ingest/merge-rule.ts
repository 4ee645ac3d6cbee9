// The per-field merge rule shared by folding a batch (fold.ts) and merging
// into stored rows (merge.ts). Every event has a stamp (its event time; an
// update sits half a step after a create of the same millisecond, so it wins
// the tie), and a row keeps, per field, the stamp of the event that set it
// (`fieldTimes`). A field no event stated has no stamp and gives way to any
// stated value.
import type { EventTime } from "./events";
import type { FieldTimes } from "./field-times";

/** An event's place in the merge order: 2 × its time in ms, +1 for an update. */
export function stampOf(e: EventTime, now: Date): number {
  return (e.eventTime ?? now).getTime() * 2 + (e.isUpdate ? 1 : 0);
}

export const given = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

/** Whether a statement stamped `stamp` replaces the value of `key`; an unstamped one only fills a field nobody stated. */
export function wins(times: FieldTimes, key: string, stamp: number | undefined, strict: boolean): boolean {
  const had = times[key];
  if (had === undefined) return true;
  if (stamp === undefined) return false;
  return strict ? stamp > had : stamp >= had;
}

export function take(times: FieldTimes, key: string, stamp: number | undefined) {
  if (stamp !== undefined) times[key] = stamp;
}

/** Shallow merge of two objects, the winning statement's keys on top; the key's stamp is the later one. */
export function mergeOrdered<T extends Record<string, unknown>>(
  times: FieldTimes,
  key: string,
  stored: T | null | undefined,
  next: T | null | undefined,
  stamp: number | undefined,
  strict: boolean,
): T | null {
  if (!given(next)) return stored ?? null;
  const newer = wins(times, key, stamp, strict);
  if (newer) take(times, key, stamp);
  if (!given(stored)) return next;
  return newer ? { ...stored, ...next } : { ...next, ...stored };
}

export function unionTags(a: string[] | null | undefined, b: string[] | null | undefined): string[] | null {
  if (!given(b)) return a ?? null;
  if (!given(a)) return [...new Set(b)];
  return [...new Set([...a, ...b])];
}

export function earliest(a: Date | null | undefined, b: Date | null | undefined): Date | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return a < b ? a : b;
}

