// The compare view's state in its URL, so a view is shareable: runs,
// baseline, pass rules per score name, filter, sort, diff mode, page. One
// parse and one format; pure (the page and its controls share it).
import { COMPARE_FILTERS, type CompareFilter, type CompareSort } from "./deltas";
import { formatPassRule, parsePassRule, PASS_PARAM_PREFIX, type PassRule } from "./thresholds";

export const DIFF_MODES = ["none", "expected", "baseline"] as const;
export type DiffMode = (typeof DIFF_MODES)[number];

export const COMPARE_PAGE_SIZES = [20, 50, 100] as const;
/** Runs compared at once: each adds a column and a pass over its run items. */
export const MAX_COMPARE_RUNS = 10;

export interface CompareState {
  runIds: string[];
  baselineId: string | null;
  rules: Record<string, PassRule>;
  filter: CompareFilter;
  sort: CompareSort;
  diff: DiffMode;
  page: number;
  limit: number;
}

export interface UrlIssue {
  param: string;
  message: string;
}

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The state from the search params; a bad value is reported and left at its default, never thrown. */
export function readCompareState(sp: Search): { state: CompareState; issues: UrlIssue[] } {
  const issues: UrlIssue[] = [];
  // "runs=a,b" (shared links) or "runs=a&runs=b" (the picker's checkboxes).
  const named = [...new Set(all(sp.runs).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];
  const runIds = named.slice(0, MAX_COMPARE_RUNS);
  if (named.length > MAX_COMPARE_RUNS) issues.push({ param: "runs", message: `at most ${MAX_COMPARE_RUNS} runs are compared at once: the first ${MAX_COMPARE_RUNS} of the ${named.length} named are kept` });
  const baselineId = first(sp.baseline)?.trim() || null;
  const rules: Record<string, PassRule> = {};
  for (const [key, value] of Object.entries(sp)) {
    if (!key.startsWith(PASS_PARAM_PREFIX)) continue;
    const name = key.slice(PASS_PARAM_PREFIX.length);
    const text = first(value) ?? "";
    if (!name) continue;
    // An emptied field in the threshold editor means "back to the default".
    if (!text.trim()) continue;
    const parsed = parsePassRule(text);
    if (parsed.ok) rules[name] = parsed.rule;
    else issues.push({ param: key, message: `pass rule of "${name}": ${parsed.message}` });
  }
  const rawFilter = first(sp.filter) ?? "all";
  const filter = (COMPARE_FILTERS as readonly string[]).includes(rawFilter) ? (rawFilter as CompareFilter) : "all";
  if (filter !== rawFilter) issues.push({ param: "filter", message: `filter must be one of ${COMPARE_FILTERS.join(", ")}` });
  const rawDir = first(sp.dir);
  const rawSort = first(sp.sort) ?? "dataset";
  let sort: CompareSort = { by: "dataset" };
  if (rawSort.startsWith("score:") && rawSort.length > 6) sort = { by: "score", name: rawSort.slice(6), dir: rawDir === "desc" ? "desc" : "asc" };
  else if (rawSort === "latency" || rawSort === "cost") sort = { by: rawSort, dir: rawDir === "asc" ? "asc" : "desc" };
  else if (rawSort !== "dataset") issues.push({ param: "sort", message: "sort must be dataset, latency, cost or score:<name>" });
  const rawDiff = first(sp.diff) ?? "none";
  const diff = (DIFF_MODES as readonly string[]).includes(rawDiff) ? (rawDiff as DiffMode) : "none";
  const page = Math.max(1, Math.floor(Number(first(sp.page) ?? 1)) || 1);
  const rawLimit = Number(first(sp.limit) ?? COMPARE_PAGE_SIZES[0]);
  const limit = (COMPARE_PAGE_SIZES as readonly number[]).includes(rawLimit) ? rawLimit : COMPARE_PAGE_SIZES[0];
  return { state: { runIds, baselineId, rules, filter, sort, diff, page, limit }, issues };
}

export const sortParam = (sort: CompareSort) => (sort.by === "score" ? `score:${sort.name}` : sort.by);

/** The search params of a state (defaults left out, so links stay short). */
export function compareSearch(state: CompareState): URLSearchParams {
  const q = new URLSearchParams();
  if (state.runIds.length) q.set("runs", state.runIds.join(","));
  if (state.baselineId) q.set("baseline", state.baselineId);
  for (const name of Object.keys(state.rules).sort()) q.set(`${PASS_PARAM_PREFIX}${name}`, formatPassRule(state.rules[name]!));
  if (state.filter !== "all") q.set("filter", state.filter);
  if (state.sort.by !== "dataset") {
    q.set("sort", sortParam(state.sort));
    q.set("dir", state.sort.dir);
  }
  if (state.diff !== "none") q.set("diff", state.diff);
  if (state.page > 1) q.set("page", String(state.page));
  if (state.limit !== COMPARE_PAGE_SIZES[0]) q.set("limit", String(state.limit));
  return q;
}

/** A link to the state changed by `patch` (paging back to 1 unless the patch sets a page). */
export function compareHref(base: string, state: CompareState, patch: Partial<CompareState>): string {
  const next = { ...state, page: 1, ...patch };
  const q = compareSearch(next).toString();
  return q ? `${base}?${q}` : base;
}
