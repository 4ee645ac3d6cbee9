// Making client strings storable on both databases, and measuring how deep a
// JSON payload nests — both without recursion, so no input can blow the stack.
//
// PostgreSQL refuses NUL (U+0000) in text and jsonb, and lone UTF-16
// surrogates cannot be encoded as UTF-8; SQLite stores both. So every string
// of an event (ids, names, payload values and payload keys) loses its NULs and
// has each lone surrogate replaced by U+FFFD before the write: the same input
// then reads back the same on both databases.
import type { IngestEvent, Json } from "./events";
import { LIMITS } from "./limits";

// Matches valid surrogate pairs too: only a fast pre-check.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The string without NULs and with lone surrogates replaced by U+FFFD (the same string when nothing needs it). */
export function storableString(value: string): string {
  if (!SUSPECT.test(value)) return value;
  return value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\ufffd");
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

/**
 * How deep a value nests, counting each object or array as a level
 * (`"x"` is 0, `[]` is 1, `{"a": [1]}` is 2). Stops as soon as `limit` is passed
 * and answers limit + 1, so a 10,000-level payload costs no more than a 101-level one.
 */
export function jsonDepth(value: unknown, limit: number = LIMITS.jsonDepth): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, above] = stack.pop()!;
    if (!isContainer(node)) continue;
    const depth = above + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (isContainer(child)) stack.push([child, depth]);
  }
  return max;
}

/** The issue for a payload nested deeper than the limit, or undefined. */
export function depthProblem(value: unknown, limit: number = LIMITS.jsonDepth): string | undefined {
  return jsonDepth(value, limit) > limit ? `nested deeper than ${limit} levels` : undefined;
}

/** Own enumerable property, also for the key "__proto__" (never a prototype). */
function put(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Makes every string in a JSON value storable, keys included, in place
 * (payloads are the request's own freshly parsed objects). Iterative.
 */
export function makeJsonStorable<T>(value: T): T {
  if (typeof value === "string") return storableString(value) as T;
  if (!isContainer(value)) return value;
  const stack: Array<Record<string, unknown> | unknown[]> = [value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (typeof item === "string") node[i] = storableString(item);
        else if (isContainer(item)) stack.push(item);
      }
      continue;
    }
    const keys = Object.keys(node);
    const renamed = keys.some((key) => storableString(key) !== key);
    const entries = keys.map((key) => [key, node[key]] as const);
    if (renamed) for (const key of keys) delete node[key];
    for (const [key, item] of entries) {
      const next = typeof item === "string" ? storableString(item) : item;
      if (renamed) {
        const name = storableString(key);
        // Two keys that differ only by NULs: the first one keeps its value.
        if (!Object.hasOwn(node, name)) put(node, name, next);
      } else if (next !== item) node[key] = next;
      if (isContainer(item)) stack.push(item);
    }
  }
  return value;
}

/** Every string of every event made storable, in place; returns the same events. */
export function makeEventsStorable(events: IngestEvent[]): IngestEvent[] {
  for (const event of events) {
    const record = event as unknown as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === "string") record[key] = storableString(v);
      else if (isContainer(v)) makeJsonStorable(v as Json);
    }
  }
  return events;
}

/** What stands in for a subtree cut by capJsonDepth. */
export const DEPTH_CAP_MARKER = "[nested deeper than shown]";

/**
 * A copy of a value with every container below `limit` levels replaced by a
 * marker string, for the viewer: React's serializer and JSON.stringify recurse,
 * so a payload stored before the depth limit (or by hand) must be cut before
 * it is rendered. Iterative; returns the value itself when nothing is cut.
 */
export function capJsonDepth<T>(value: T, limit: number = LIMITS.jsonDepth): T | unknown {
  if (jsonDepth(value, limit) <= limit) return value;
  const copy = (node: Record<string, unknown> | unknown[]) => (Array.isArray(node) ? [...node] : { ...node });
  const root = copy(value as Record<string, unknown>);
  const stack: Array<[Record<string, unknown> | unknown[], number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const child = (node as Record<string | number, unknown>)[key];
      if (!isContainer(child)) continue;
      if (depth >= limit) {
        (node as Record<string | number, unknown>)[key] = DEPTH_CAP_MARKER;
        continue;
      }
      const next = copy(child);
      (node as Record<string | number, unknown>)[key] = next;
      stack.push([next, depth + 1]);
    }
  }
  return root;
}
