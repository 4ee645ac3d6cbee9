// Small JSON helpers for attribute values: keys that come from clients,
// JSON carried in strings, and attributes flattened into dotted keys.
import type { Json, JsonObject } from "../events";

/** Sets a client-chosen key; "__proto__" must become a plain own property, never a prototype. */
export function setKey(target: Record<string, Json>, key: string, value: Json): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

export function isJsonObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Payloads arrive as JSON in string attributes. A string that looks like a
 * JSON object or array is parsed; anything else (or a parse failure) stays
 * the string it was.
 */
export function parseJsonish(v: Json): Json {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]")))) return v;
  try {
    return JSON.parse(t) as Json;
  } catch {
    return v;
  }
}

/** Like parseJsonish, also unwrapping a JSON-encoded string ("\"2025-...\"") that older SDKs send. */
export function parseJsonString(v: Json): Json {
  if (typeof v === "string" && v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as Json;
    } catch {
      return v;
    }
  }
  return parseJsonish(v);
}

/**
 * Rebuilds a structure from flattened attributes ("0.role", "0.tool_calls.1.id"):
 * numeric segments become array positions, gaps are closed.
 */
export function unflatten(entries: [string, Json][]): Json {
  const root: Record<string, Json> = {};
  for (const [path, value] of entries) {
    const parts = path.split(".");
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        setKey(node, part, value);
        return;
      }
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (!isJsonObject(next)) setKey(node, part, {});
      node = node[part] as Record<string, Json>;
    });
  }
  return arraysFromIndexKeys(root);
}

function arraysFromIndexKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(arraysFromIndexKeys);
  if (!isJsonObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => arraysFromIndexKeys(v[String(k)]));
  }
  const out: Record<string, Json> = {};
  for (const k of keys) setKey(out, k, arraysFromIndexKeys(v[k]));
  return out;
}

/**
 * OpenInference nests every list item under a wrapper named for its kind
 * ({"message": {...}}, {"tool_call": {...}}); the wrapper says nothing the
 * list name doesn't, so it is dropped.
 */
export function unwrapSingleKey(v: Json, wrappers: ReadonlySet<string>): Json {
  if (Array.isArray(v)) return v.map((x) => unwrapSingleKey(x, wrappers));
  if (!isJsonObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && wrappers.has(keys[0])) return unwrapSingleKey(v[keys[0]], wrappers);
  const out: Record<string, Json> = {};
  for (const k of keys) setKey(out, k, unwrapSingleKey(v[k], wrappers));
  return out;
}
