// Table state lives in the URL so a server page can read it, links can be shared,
// and back/forward work. Pure helpers: usable from server pages, client components and tests.
//
//   ?sort=latency.desc&page=2&limit=50&level=ERROR&tag=a&tag=b
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "@/lib/query/page";

export { PAGE_SIZES };

export interface SortState {
  /** Column id, which the server maps to a whitelisted order-by. */
  id: string;
  desc: boolean;
}

export interface TableState<K extends string = string> {
  page: number;
  limit: number;
  sort: SortState | null;
  filters: Partial<Record<K, string>>;
}

/** What a Next page receives as `searchParams` (awaited), or a URLSearchParams. */
export type ParamsInput =
  | URLSearchParams
  | { get(name: string): string | null; getAll(name: string): string[] }
  | Record<string, string | string[] | undefined>;

export const PARAM = { sort: "sort", page: "page", limit: "limit" } as const;
export const DEFAULT_LIMIT = DEFAULT_PAGE_SIZE;
export const MAX_LIMIT = 500;

function isReader(p: ParamsInput): p is { get(name: string): string | null; getAll(name: string): string[] } {
  return typeof (p as URLSearchParams).get === "function" && typeof (p as URLSearchParams).getAll === "function";
}

/** First value of a param, or null. */
export function getParam(params: ParamsInput, key: string): string | null {
  if (isReader(params)) return params.get(key);
  const v = (params as Record<string, string | string[] | undefined>)[key];
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

/** All values of a repeated param (`?tag=a&tag=b`), empty strings dropped. */
export function getList(params: ParamsInput, key: string): string[] {
  let values: string[];
  if (isReader(params)) values = params.getAll(key);
  else {
    const v = (params as Record<string, string | string[] | undefined>)[key];
    values = v === undefined ? [] : Array.isArray(v) ? v : [v];
  }
  return values.filter((v) => v !== "");
}

/** "latency.desc" → {id: "latency", desc: true}. Splits on the last dot so ids may contain dots. */
export function parseSort(raw: string | null | undefined, allowed?: readonly string[]): SortState | null {
  if (!raw) return null;
  const dot = raw.lastIndexOf(".");
  const id = dot > 0 ? raw.slice(0, dot) : raw;
  const dir = dot > 0 ? raw.slice(dot + 1).toLowerCase() : "asc";
  if (dir !== "asc" && dir !== "desc") return null;
  if (!id || (allowed && !allowed.includes(id))) return null;
  return { id, desc: dir === "desc" };
}

export function formatSort(sort: SortState | null | undefined): string | null {
  return sort ? `${sort.id}.${sort.desc ? "desc" : "asc"}` : null;
}

/** 1-based page; anything invalid is page 1. */
export function parsePage(raw: string | null | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function parseLimit(
  raw: string | null | undefined,
  opts: { fallback?: number; max?: number; allowed?: readonly number[] } = {},
): number {
  const fallback = opts.fallback ?? DEFAULT_LIMIT;
  const n = Number(raw);
  if (!raw || !Number.isInteger(n) || n < 1) return fallback;
  if (opts.allowed && !opts.allowed.includes(n)) return fallback;
  return Math.min(n, opts.max ?? MAX_LIMIT);
}

export interface ReadTableOptions<K extends string> {
  /** Filter param names to read (first value each). */
  filters?: readonly K[];
  /** Sortable column ids; other sort values are ignored. */
  sortable?: readonly string[];
  defaultSort?: SortState | null;
  defaultLimit?: number;
  maxLimit?: number;
  /** The page sizes the pager offers (lib/query/page.ts); others fall back to the default. */
  pageSizes?: readonly number[];
}

/** Everything a list page needs from its search params, validated. */
export function readTableState<K extends string = never>(
  params: ParamsInput,
  opts: ReadTableOptions<K> = {},
): TableState<K> {
  const filters: Partial<Record<K, string>> = {};
  for (const key of opts.filters ?? []) {
    const v = getParam(params, key);
    if (v !== null && v !== "") filters[key] = v;
  }
  return {
    page: parsePage(getParam(params, PARAM.page)),
    limit: parseLimit(getParam(params, PARAM.limit), { fallback: opts.defaultLimit, max: opts.maxLimit, allowed: opts.pageSizes }),
    sort: parseSort(getParam(params, PARAM.sort), opts.sortable) ?? opts.defaultSort ?? null,
    filters,
  };
}

/** Rows to skip for a page. */
export function pageOffset(page: number, limit: number): number {
  return (Math.max(1, page) - 1) * limit;
}

export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / Math.max(1, limit)));
}

export interface PageStatus {
  /** Pages known to exist (with a capped count, at least one past the current full page). */
  pages: number;
  /** The page asked for starts after the last row: say so instead of "Page 8 of 8". */
  pastEnd: boolean;
  /** Where "go to the last page" leads. */
  lastPage: number;
  label: string;
}

/** The pager's line, clamped honestly: `?page=99` of 8 pages reads "Page 99 is past the last page (8)". */
export function pageStatus({ total, totalCapped = false, rowsOnPage, page, limit }: { total: number; totalCapped?: boolean; rowsOnPage?: number; page: number; limit: number }): PageStatus {
  const counted = pageCount(total, limit);
  const rows = rowsOnPage ?? limit;
  const more = totalCapped && rows >= limit;
  const pages = more ? Math.max(counted, page + 1) : counted;
  const pastEnd = page > 1 && rows === 0 && (totalCapped || page > counted);
  const lastPage = pastEnd ? counted : pages;
  const fmt = (n: number) => n.toLocaleString("en-US");
  const plus = totalCapped ? "+" : "";
  const label = pastEnd ? `Page ${fmt(page)} is past the last page (${fmt(counted)}${plus})` : `Page ${fmt(page)} of ${fmt(pages)}${plus}`;
  return { pages, pastEnd, lastPage, label };
}

export type ParamUpdate = Record<string, string | number | readonly string[] | null | undefined>;

function toSearchParams(current: ParamsInput | string): URLSearchParams {
  if (typeof current === "string") return new URLSearchParams(current);
  if (current instanceof URLSearchParams) return new URLSearchParams(current);
  if (isReader(current)) return new URLSearchParams(String(current));
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(current)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.append(k, item);
  }
  return out;
}

/**
 * Returns a new query string ("?a=1" or "") with `updates` applied and every other param kept.
 * null/undefined/"" removes a key; arrays become repeated params.
 * Any change other than the page itself resets to page 1: a new sort or filter makes the old page meaningless.
 */
export function withParams(current: ParamsInput | string, updates: ParamUpdate): string {
  const next = toSearchParams(current);
  for (const [key, value] of Object.entries(updates)) {
    next.delete(key);
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) for (const v of value) next.append(key, v);
    else next.set(key, String(value));
  }
  const touchesPage = Object.keys(updates).includes(PARAM.page);
  if (!touchesPage) next.delete(PARAM.page);
  if (next.get(PARAM.page) === "1") next.delete(PARAM.page); // page 1 is the default; keep URLs short
  const qs = next.toString();
  return qs ? `?${qs}` : "";
}

/**
 * Next sort after clicking a header: unsorted → first direction → other direction → cleared.
 * `descFirst` suits numbers and dates (biggest/newest first).
 */
export function nextSort(current: SortState | null, id: string, descFirst = false): SortState | null {
  if (!current || current.id !== id) return { id, desc: descFirst };
  if (current.desc === descFirst) return { id, desc: !descFirst };
  return null;
}
