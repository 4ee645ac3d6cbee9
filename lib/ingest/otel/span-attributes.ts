// Read access to one span's attributes that remembers what was used, so
// whatever no convention mapped ends up, unchanged, in metadata.attributes.
import type { Json, JsonObject } from "../events";
import { setKey } from "./json";
import type { Attributes } from "./types";

export class SpanAttributes {
  private readonly used = new Set<string>();

  constructor(private readonly attrs: Attributes) {}

  has(key: string): boolean {
    return Object.hasOwn(this.attrs, key) && this.attrs[key] !== null;
  }

  /** Looks without consuming (for decisions such as the observation type). */
  peek(key: string): Json | undefined {
    return this.has(key) ? this.attrs[key] : undefined;
  }

  peekString(key: string): string | undefined {
    const v = this.peek(key);
    return typeof v === "string" && v !== "" ? v : undefined;
  }

  take(key: string): Json | undefined {
    const v = this.peek(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }

  /** The first key present wins; every listed key that is present is consumed (they say the same thing). */
  takeFirst(...keys: string[]): Json | undefined {
    let found: Json | undefined;
    for (const k of keys) {
      const v = this.take(k);
      if (found === undefined) found = v;
    }
    return found;
  }

  /** A non-empty string (numbers are accepted as their text, since ids are sometimes sent as ints). */
  takeString(...keys: string[]): string | undefined {
    for (const k of keys) {
      const v = this.peek(k);
      if ((typeof v === "string" && v !== "") || typeof v === "number") {
        this.used.add(k);
        return String(v);
      }
    }
    return undefined;
  }

  /** A finite number, also from a numeric string; a value that isn't one stays unconsumed. */
  takeNumber(...keys: string[]): number | undefined {
    for (const k of keys) {
      const n = toNumber(this.peek(k));
      if (n !== undefined) {
        this.used.add(k);
        return n;
      }
    }
    return undefined;
  }

  takeBoolean(key: string): boolean | undefined {
    const v = this.peek(key);
    const b = v === true || v === "true" ? true : v === false || v === "false" ? false : undefined;
    if (b !== undefined) this.used.add(key);
    return b;
  }

  /** Keys under `prefix.` (matching `filter` on the rest), consumed, as [rest, value] pairs. */
  takePrefix(prefix: string, filter?: (rest: string) => boolean): [string, Json][] {
    const out: [string, Json][] = [];
    const p = `${prefix}.`;
    for (const [k, v] of Object.entries(this.attrs)) {
      if (this.used.has(k) || !k.startsWith(p) || v === null) continue;
      const rest = k.slice(p.length);
      if (filter && !filter(rest)) continue;
      this.used.add(k);
      out.push([rest, v]);
    }
    return out;
  }

  hasPrefix(prefix: string, filter?: (rest: string) => boolean): boolean {
    const p = `${prefix}.`;
    return Object.keys(this.attrs).some((k) => k.startsWith(p) && (!filter || filter(k.slice(p.length))));
  }

  /** Everything not consumed, as sent. */
  remaining(): JsonObject {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(this.attrs)) if (!this.used.has(k)) setKey(out, k, v);
    return out;
  }
}

export function toNumber(v: Json | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
