// Pure tree and timeline geometry for the trace viewer (unit-tested; no React).
import type { ObservationView } from "@/lib/objects/observation-view";

export interface TreeNode {
  obs: ObservationView;
  children: TreeNode[];
}

export interface FlatRow {
  obs: ObservationView;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  /** id of the row's parent in the built tree (null for roots, incl. orphans). */
  parentId: string | null;
}

function time(iso: string | null | undefined): number {
  if (!iso) return Number.NaN;
  return Date.parse(iso);
}

function byStart(a: TreeNode, b: TreeNode): number {
  const d = (time(a.obs.startTime) || 0) - (time(b.obs.startTime) || 0);
  return d !== 0 ? d : a.obs.id < b.obs.id ? -1 : a.obs.id > b.obs.id ? 1 : 0;
}

/**
 * Builds the observation forest. An observation whose parent is missing (not yet ingested,
 * or in another trace) becomes a root so nothing disappears; so does anything caught in a
 * parent cycle. Siblings are ordered by start time, then id. Duplicate ids: first wins.
 */
export function buildTree(observations: readonly ObservationView[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const obs of observations) if (!nodes.has(obs.id)) nodes.set(obs.id, { obs, children: [] });

  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const pid = node.obs.parentObservationId;
    const parent = pid && pid !== node.obs.id ? nodes.get(pid) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }

  // Nodes in a cycle are unreachable from any root: find them and promote one per cycle.
  const reached = new Set<string>();
  const mark = (start: TreeNode[]) => {
    const stack = [...start];
    while (stack.length) {
      const n = stack.pop()!;
      if (reached.has(n.obs.id)) continue;
      reached.add(n.obs.id);
      stack.push(...n.children);
    }
  };
  mark(roots);
  if (reached.size < nodes.size) {
    for (const node of nodes.values()) {
      if (reached.has(node.obs.id)) continue;
      const parent = nodes.get(node.obs.parentObservationId ?? "");
      if (parent) parent.children = parent.children.filter((c) => c !== node);
      roots.push(node);
      mark([node]);
    }
  }

  const sortAll = (list: TreeNode[]) => {
    const stack = [list];
    while (stack.length) {
      const l = stack.pop()!;
      l.sort(byStart);
      for (const n of l) if (n.children.length) stack.push(n.children);
    }
  };
  sortAll(roots);
  return roots;
}

/** Depth-first rows, skipping the descendants of collapsed nodes. Iterative: deep trees can't overflow the stack. */
export function flattenTree(roots: readonly TreeNode[], collapsed: ReadonlySet<string> = new Set()): FlatRow[] {
  const out: FlatRow[] = [];
  const stack: Array<{ node: TreeNode; depth: number; parentId: string | null }> = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i], depth: 0, parentId: null });
  while (stack.length) {
    const { node, depth, parentId } = stack.pop()!;
    const isCollapsed = collapsed.has(node.obs.id);
    out.push({ obs: node.obs, depth, hasChildren: node.children.length > 0, collapsed: isCollapsed, parentId });
    if (isCollapsed) continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i], depth: depth + 1, parentId: node.obs.id });
    }
  }
  return out;
}

/** Ids from the root down to (excluding) `id`, following the built tree. Used to reveal a selected row. */
export function ancestorIds(roots: readonly TreeNode[], id: string): string[] {
  const parentOf = new Map<string, string | null>();
  const stack: Array<{ node: TreeNode; parent: string | null }> = roots.map((node) => ({ node, parent: null }));
  while (stack.length) {
    const { node, parent } = stack.pop()!;
    parentOf.set(node.obs.id, parent);
    for (const c of node.children) stack.push({ node: c, parent: node.obs.id });
  }
  const chain: string[] = [];
  let cur = parentOf.get(id) ?? null;
  while (cur) {
    chain.unshift(cur);
    cur = parentOf.get(cur) ?? null;
  }
  return chain;
}

/** Ids of every node that has children (for "collapse all"). */
export function parentIds(roots: readonly TreeNode[]): string[] {
  const out: string[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.children.length) {
      out.push(n.obs.id);
      stack.push(...n.children);
    }
  }
  return out;
}

export interface Span {
  /** ms from trace start */
  offsetMs: number;
  durationMs: number;
  /** 0..100, for CSS left/width */
  offsetPct: number;
  widthPct: number;
}

export interface TimelineScale {
  startMs: number;
  endMs: number;
  durationMs: number;
  spans: Map<string, Span>;
}

/** End of an observation: its endTime, else start + latency, else its start (a point in time). */
function endOf(o: ObservationView): number {
  const start = time(o.startTime);
  const end = time(o.endTime);
  if (Number.isFinite(end) && end >= start) return end;
  if (typeof o.latencyMs === "number" && o.latencyMs >= 0) return start + o.latencyMs;
  return start;
}

/**
 * Positions every observation relative to the trace window. The window is the given
 * trace start/end widened to cover all observations (clock skew happens).
 */
export function computeTimeline(
  observations: readonly ObservationView[],
  bounds: { start?: string | null; end?: string | null } = {},
): TimelineScale {
  let lo = time(bounds.start);
  let hi = time(bounds.end);
  for (const o of observations) {
    const s = time(o.startTime);
    if (!Number.isFinite(s)) continue;
    const e = endOf(o);
    if (!Number.isFinite(lo) || s < lo) lo = s;
    if (!Number.isFinite(hi) || e > hi) hi = e;
  }
  if (!Number.isFinite(lo)) lo = 0;
  if (!Number.isFinite(hi) || hi < lo) hi = lo;
  const duration = hi - lo;
  const spans = new Map<string, Span>();
  for (const o of observations) {
    const s = time(o.startTime);
    const offsetMs = Number.isFinite(s) ? s - lo : 0;
    const durationMs = Number.isFinite(s) ? Math.max(0, endOf(o) - s) : 0;
    spans.set(o.id, {
      offsetMs,
      durationMs,
      offsetPct: duration > 0 ? (offsetMs / duration) * 100 : 0,
      widthPct: duration > 0 ? (durationMs / duration) * 100 : 0,
    });
  }
  return { startMs: lo, endMs: hi, durationMs: duration, spans };
}

/** "Nice" axis ticks (1/2/5 × 10^n ms) from 0 to `durationMs`, about `target` of them. */
export function timeTicks(durationMs: number, target = 6): number[] {
  if (!(durationMs > 0)) return [0];
  const raw = durationMs / Math.max(1, target);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let t = 0; t <= durationMs + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
