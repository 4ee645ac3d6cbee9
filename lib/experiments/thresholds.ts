// The pass rule of a score name in the compare view: when a score "passes",
// so that a regression (passed in the baseline, fails now) means one thing.
// Defaults come from the score config; the URL overrides them per name
// (`pass.accuracy=>=0.8`, `pass.label=good|ok`). Pure: pages, the read and
// the tests share it.

/** A figure of a score as the compare view reads it (booleans are 1/0 with "true"/"false"). */
export interface ScoreFigure {
  dataType: "NUMERIC" | "BOOLEAN" | "CATEGORICAL";
  value: number | null;
  stringValue: string | null;
}

export type NumericOp = ">=" | ">" | "<=" | "<";

export type PassRule =
  /** true passes (or false, with pass: false) */
  | { kind: "boolean"; pass: boolean }
  | { kind: "numeric"; op: NumericOp; value: number }
  /** one of these categories passes */
  | { kind: "categories"; values: string[] }
  /** no pass or fail for this score (a categorical score until categories are chosen) */
  | { kind: "none" };

/** What a score config says about a name (lib/scores' ScoreConfig, the fields the rule needs). */
export interface ScoreConfigLike {
  name: string;
  dataType: string;
  minValue: number | null;
  maxValue: number | null;
}

export type RuleSource = "url" | "config" | "default";

export interface ResolvedRule {
  rule: PassRule;
  source: RuleSource;
}

/**
 * The default rule of a score name: from its config when there is one
 * (BOOLEAN: true passes; NUMERIC: ≥ the midpoint of [min, max] when both are
 * set, else ≥ 0.5; CATEGORICAL: none until categories are chosen), else from
 * the figures seen (booleans, or numbers that are all 0 or 1: true passes;
 * other numbers ≥ 0.5; categories: none).
 */
export function defaultRule(config: ScoreConfigLike | undefined, seen: readonly ScoreFigure[]): PassRule {
  if (config) {
    if (config.dataType === "BOOLEAN") return { kind: "boolean", pass: true };
    if (config.dataType === "CATEGORICAL") return { kind: "none" };
    if (config.minValue !== null && config.maxValue !== null) return { kind: "numeric", op: ">=", value: (config.minValue + config.maxValue) / 2 };
    return { kind: "numeric", op: ">=", value: 0.5 };
  }
  if (!seen.length) return { kind: "none" };
  if (seen.some((s) => s.dataType === "CATEGORICAL")) return { kind: "none" };
  const booleanLike = seen.every((s) => s.dataType === "BOOLEAN" || s.value === 0 || s.value === 1);
  return booleanLike ? { kind: "boolean", pass: true } : { kind: "numeric", op: ">=", value: 0.5 };
}

/** The rules of every score name: the URL's override, else the config's default, else the figures'. */
export function resolveRules(
  names: readonly string[],
  configs: readonly ScoreConfigLike[],
  seen: ReadonlyMap<string, readonly ScoreFigure[]>,
  overrides: Readonly<Record<string, PassRule>>,
): Record<string, ResolvedRule> {
  const byName = new Map(configs.map((c) => [c.name, c]));
  const out: Record<string, ResolvedRule> = {};
  for (const name of names) {
    const override = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    if (override) out[name] = { rule: override, source: "url" };
    else out[name] = { rule: defaultRule(byName.get(name), seen.get(name) ?? []), source: byName.has(name) ? "config" : "default" };
  }
  return out;
}

const truthy = (s: ScoreFigure) => (s.stringValue !== null && s.dataType !== "NUMERIC" ? s.stringValue.toLowerCase() === "true" : s.value === 1);

/** Whether a score passes its rule: null when the rule has no verdict (none) or the score has no figure to judge. */
export function passes(rule: PassRule, score: ScoreFigure | null | undefined): boolean | null {
  if (!score) return null;
  switch (rule.kind) {
    case "none":
      return null;
    case "boolean":
      if (score.value === null && score.stringValue === null) return null;
      return truthy(score) === rule.pass;
    case "categories": {
      const label = score.stringValue ?? (score.value === null ? null : String(score.value));
      return label === null ? null : rule.values.includes(label);
    }
    case "numeric": {
      const v = score.value;
      if (v === null || !Number.isFinite(v)) return null;
      return rule.op === ">=" ? v >= rule.value : rule.op === ">" ? v > rule.value : rule.op === "<=" ? v <= rule.value : v < rule.value;
    }
  }
}

/** Whether a lower value is the better one under this rule (`<=`/`<` rules), for the colour of a delta. */
export const lowerIsBetter = (rule: PassRule) => rule.kind === "numeric" && (rule.op === "<=" || rule.op === "<");

// ---- the URL codec: one parse, one format ----

export const PASS_PARAM_PREFIX = "pass.";

export type ParsedRule = { ok: true; rule: PassRule } | { ok: false; message: string };

/**
 * A rule from its URL text: `>=0.8`, `>0.8`, `<=2`, `<2` (a bare number means
 * `>=`), `true` / `false`, `none`, or categories separated by `|` (`good|ok`).
 */
export function parsePassRule(text: string): ParsedRule {
  const t = text.trim();
  if (!t) return { ok: false, message: "is empty: give >=0.8, true, none or categories like good|ok" };
  if (t === "none") return { ok: true, rule: { kind: "none" } };
  if (t === "true" || t === "false") return { ok: true, rule: { kind: "boolean", pass: t === "true" } };
  const m = /^(>=|>|<=|<)?\s*(.*)$/.exec(t)!;
  const op = (m[1] ?? ">=") as NumericOp;
  const num = m[2]!.trim();
  if (m[1] || /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(num)) {
    const value = num === "" ? NaN : Number(num);
    if (!Number.isFinite(value)) return { ok: false, message: `"${t}" is not a threshold: after ${op} comes a number, e.g. ${op}0.8` };
    return { ok: true, rule: { kind: "numeric", op, value } };
  }
  const values = t.split("|").map((v) => v.trim());
  if (values.some((v) => !v)) return { ok: false, message: `"${t}" has an empty category: separate categories with |, e.g. good|ok` };
  return { ok: true, rule: { kind: "categories", values: [...new Set(values)] } };
}

/** The URL text of a rule (parsePassRule(formatPassRule(r)) gives r back). */
export function formatPassRule(rule: PassRule): string {
  switch (rule.kind) {
    case "none":
      return "none";
    case "boolean":
      return String(rule.pass);
    case "numeric":
      return `${rule.op}${rule.value}`;
    case "categories":
      return rule.values.join("|");
  }
}

/** How a rule reads on the page: "≥ 0.8", "true", "good or ok", "no pass rule". */
export function describePassRule(rule: PassRule): string {
  switch (rule.kind) {
    case "none":
      return "no pass rule";
    case "boolean":
      return rule.pass ? "true passes" : "false passes";
    case "numeric":
      return `${{ ">=": "≥", ">": ">", "<=": "≤", "<": "<" }[rule.op]} ${rule.value}`;
    case "categories":
      return rule.values.join(" or ");
  }
}
