// Per-table column order and visibility, persisted in localStorage under `loupe.table.<tableId>`.
// The pure parts (parse, merge) are unit-tested; the hook reads through useSyncExternalStore so
// the server render and hydration both use defaults and the saved layout applies right after.
import { useCallback, useMemo, useSyncExternalStore } from "react";

export interface ColumnPrefs {
  /** Column ids in the user's order. */
  order: string[];
  /** Explicit show/hide choices; columns absent here use their default. */
  visibility: Record<string, boolean>;
}

const EMPTY: ColumnPrefs = { order: [], visibility: {} };
const EVENT = "loupe:column-prefs";

export function storageKey(tableId: string): string {
  return `loupe.table.${tableId}`;
}

/** Tolerates anything in storage (old versions, hand edits): bad input → defaults. */
export function parsePrefs(raw: string | null): ColumnPrefs {
  if (!raw) return EMPTY;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== "object" || v === null) return EMPTY;
    const o = v as { order?: unknown; visibility?: unknown };
    const order = Array.isArray(o.order) ? o.order.filter((x): x is string => typeof x === "string") : [];
    const visibility: Record<string, boolean> = {};
    if (typeof o.visibility === "object" && o.visibility !== null) {
      for (const [k, val] of Object.entries(o.visibility)) if (typeof val === "boolean") visibility[k] = val;
    }
    return { order, visibility };
  } catch {
    return EMPTY;
  }
}

/**
 * The saved order applied to the current columns: saved ids that still exist keep their order;
 * columns added since are placed after the column that precedes them by default.
 */
export function mergeOrder(saved: readonly string[], current: readonly string[]): string[] {
  const exists = new Set(current);
  const out = saved.filter((id, i) => exists.has(id) && saved.indexOf(id) === i);
  const placed = new Set(out);
  current.forEach((id, i) => {
    if (placed.has(id)) return;
    const prev = i > 0 ? current[i - 1] : null;
    const at = prev === null ? 0 : out.indexOf(prev) + 1;
    out.splice(at, 0, id);
    placed.add(id);
  });
  return out;
}

/** Moves `id` one step (-1 up, +1 down) within `order`. */
export function moveColumn(order: readonly string[], id: string, delta: -1 | 1): string[] {
  const i = order.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return [...order];
  const next = [...order];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled (privacy mode): just use defaults
  }
}

function subscribe(callback: () => void): () => void {
  window.addEventListener("storage", callback);
  window.addEventListener(EVENT, callback);
  return () => {
    window.removeEventListener("storage", callback);
    window.removeEventListener(EVENT, callback);
  };
}

export function useColumnPrefs(tableId: string): [ColumnPrefs, (next: ColumnPrefs | null) => void] {
  const key = storageKey(tableId);
  const raw = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const prefs = useMemo(() => parsePrefs(raw), [raw]);
  const save = useCallback(
    (next: ColumnPrefs | null) => {
      try {
        if (next) window.localStorage.setItem(key, JSON.stringify(next));
        else window.localStorage.removeItem(key);
      } catch {
        // quota or disabled storage: the choice just won't persist
      }
      window.dispatchEvent(new Event(EVENT));
    },
    [key],
  );
  return [prefs, save];
}

/** The id TanStack gives a column def (id, else accessorKey with dots → "_", else a string header). */
export function resolveColumnId(def: { id?: string; accessorKey?: unknown; header?: unknown }, index: number): string {
  if (def.id) return def.id;
  if (typeof def.accessorKey === "string" || typeof def.accessorKey === "number") return String(def.accessorKey).replaceAll(".", "_");
  if (typeof def.header === "string") return def.header;
  return `col${index}`;
}
