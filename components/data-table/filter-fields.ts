// The "Filters" panel's fields (the traces table's URL params, which the
// dashboard shares so its "Open in traces" links carry them as they are) and
// the panel's pure logic: the form → param updates, the URL → chips. Pure:
// the panel component, the promotion-rule form and the unit tests use it.
import { describeFilterParam, FILTER_PARAM } from "@/lib/query/url";
import type { ParamUpdate } from "./url-state";

export interface PanelField {
  param: string;
  label: string;
  placeholder: string;
  /** One value per line (a textarea; the param repeats), else one input and one value. */
  repeated?: boolean;
}

/** Every panel field of the traces table, in its order. */
export const TRACE_PANEL_FIELDS: readonly PanelField[] = [
  { param: "name", label: "Name", placeholder: "support-chat (comma for several)" },
  { param: "userId", label: "User", placeholder: "alice@acme.io" },
  { param: "sessionId", label: "Session", placeholder: "session id" },
  { param: "tags", label: "Tags (all of)", placeholder: "support, error" },
  { param: "environment", label: "Environment", placeholder: "production" },
  { param: "experiment", label: "Experiment run", placeholder: "run name (environment sdk-experiment)" },
  { param: "release", label: "Release", placeholder: "v1.5.0" },
  { param: "version", label: "Version", placeholder: "" },
  { param: "model", label: "Model used", placeholder: "gpt-4o" },
  { param: "minLatency", label: "Latency from (ms)", placeholder: "0" },
  { param: "maxLatency", label: "Latency to (ms)", placeholder: "" },
  { param: "minCost", label: "Cost from (USD)", placeholder: "0" },
  { param: "maxCost", label: "Cost to (USD)", placeholder: "" },
  { param: "score", label: "Score conditions (one per line)", placeholder: "helpfulness<0.5\ncorrect=false", repeated: true },
  { param: "metadata", label: "Metadata key=value (one per line)", placeholder: "region=eu-west-1", repeated: true },
  // Where the instrumentation health figures link to (lib/traces/missing.ts); shown as a chip like the rest.
  { param: "missing", label: "Missing (input, output, model, usage, cost or end)", placeholder: "usage" },
];

/** Some of `fields`, in the given order, with labels or placeholders changed where a view words them its own way. */
export function pickFields(fields: readonly PanelField[], params: readonly string[], overrides: Record<string, Partial<Omit<PanelField, "param">>> = {}): PanelField[] {
  return params.map((param) => {
    const f = fields.find((x) => x.param === param);
    if (!f) throw new Error(`no panel field ${param}`);
    return { ...f, ...overrides[param] };
  });
}

/** The dashboard's panel: the trace-level fields its figures can filter on (the time range and level have their own controls). */
export const DASHBOARD_PANEL_FIELDS: readonly PanelField[] = pickFields(
  TRACE_PANEL_FIELDS,
  ["name", "userId", "sessionId", "tags", "environment", "release", "version", "model", "metadata"],
  { name: { label: "Trace name" }, tags: { placeholder: "support, beta" }, model: { label: "Model" } },
);

/** The submitted panel → updates for every field: a blank one clears its param; repeated ones one value per non-blank line. */
export function panelUpdates(fields: readonly PanelField[], get: (param: string) => unknown): ParamUpdate {
  const updates: ParamUpdate = {};
  for (const f of fields) {
    const v = String(get(f.param) ?? "").trim();
    updates[f.param] = f.repeated ? v.split("\n").map((l) => l.trim()).filter(Boolean) : v || null;
  }
  return updates;
}

export interface Chip {
  param: string;
  value: string;
  /** "Trace name", "Condition": the field's label without its parenthesised hint. */
  label: string;
}

/**
 * One chip per value of a panel field and of `extra` params (controls outside the panel whose values still
 * show as chips, with their labels), in field order. `getAll` reads the URL.
 */
export function activeChips(fields: readonly PanelField[], extra: Record<string, string>, getAll: (param: string) => readonly string[]): Chip[] {
  const labels: Record<string, string> = { ...Object.fromEntries(fields.map((f) => [f.param, f.label.replace(/ \(.*\)$/, "")])), ...extra };
  return Object.keys(labels).flatMap((param) => getAll(param).filter(Boolean).map((value) => ({ param, value, label: labels[param] })));
}

/** The update removing one chip: its param keeps its other values. */
export function removeChipUpdate(chip: Pick<Chip, "param" | "value">, getAll: (param: string) => readonly string[]): ParamUpdate {
  return { [chip.param]: getAll(chip.param).filter((v) => v !== chip.value) };
}

/** A chip's value as shown: a JSON condition (`filter`) described readably, cut at `max` characters when given. */
export function chipText(chip: Pick<Chip, "param" | "value">, max?: number): string {
  const text = chip.param === FILTER_PARAM ? describeFilterParam(chip.value) : chip.value;
  return max !== undefined && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
