// A live filter as the one-line query string the evaluator form edits (the
// traces table's URL codec, as promotion rules use it).
import { encodeConditions } from "@/lib/traces/conditions";
import type { Filter } from "@/lib/query/filter";

export function conditionsText(filter: Filter | null): string {
  if (!filter) return "";
  const q = new URLSearchParams();
  for (const [param, values] of Object.entries(encodeConditions(filter))) for (const v of values) q.append(param, v);
  return q.toString();
}
