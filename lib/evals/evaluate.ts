// Pure evaluation: a config compiled once (a bad regex or schema refused with
// its field), then output + expected + figures → { value, dataType, comment }.
// No server imports: the form's checks and the background evaluator agree on
// what a valid configuration is. A throw while evaluating one target is that
// target's error (recorded as such by the caller), never the run's.
import { distance } from "fastest-levenshtein";
import { RE2JS } from "re2js";
import { checkAgainst, compileSchema } from "../datasets/json-schema";
import { DomainError } from "../errors";
import { NEEDS_EXPECTED, type EvaluatorConfig, type Outcome } from "./schemas";

/** What an evaluator looks at on one target. */
export interface EvalTarget {
  output: unknown;
  /** the dataset item's expected output; undefined on live traces */
  expected?: unknown;
  latencyMs: number | null;
  totalCost: number | null;
  totalTokens: number | null;
}

export type CompiledEvaluator = (target: EvalTarget) => Outcome;

/**
 * Longest text the similarity compares: Levenshtein is quadratic-ish in the
 * lengths, and one huge output must not hold the background loop for seconds.
 */
export const MAX_SIMILARITY_CHARS = 20_000;

/** JSON with object keys sorted, so two equal values give one text whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** A value as the text the text kinds compare: a string as it is, nothing as "", anything else as canonical JSON. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return canonical(value);
}

const shown = (s: string, max = 60) => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);

/** The text to compare with: the configured reference, else the item's expected output. */
function referenceText(config: { reference?: string | null }, target: EvalTarget): string {
  if (config.reference != null && config.reference !== "") return config.reference;
  if (target.expected === undefined) throw new Error("a live trace has no expected output: give this evaluator a reference text");
  if (target.expected === null) throw new Error("the dataset item has no expected output");
  return textOf(target.expected);
}

function normalise(text: string, o: { trim?: boolean; ignoreCase?: boolean }): string {
  let t = o.trim ? text.trim() : text;
  if (o.ignoreCase) t = t.toLowerCase();
  return t;
}

const bool = (pass: boolean, comment: string): Outcome => ({ value: pass ? 1 : 0, dataType: "BOOLEAN", comment });

/** The regex compiled by RE2 with the config's flags, or a DomainError naming config.pattern. */
export function compileRegex(pattern: string, flags: string): RE2JS {
  let f = 0;
  if (flags.includes("i")) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes("m")) f |= RE2JS.MULTILINE;
  if (flags.includes("s")) f |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(pattern, f);
  } catch (err) {
    throw new DomainError("invalid", `not a valid regular expression (RE2 syntax): ${(err as Error).message}`, { path: ["config", "pattern"] });
  }
}

/** Parsed JSON when the output is a JSON text, else the output itself. */
function jsonOf(output: unknown): { value: unknown; parsed: boolean } {
  if (typeof output !== "string") return { value: output, parsed: output !== null && output !== undefined };
  try {
    return { value: JSON.parse(output), parsed: true };
  } catch {
    return { value: output, parsed: false };
  }
}

/**
 * The config made ready to run. Throws a DomainError with the field when the
 * config cannot work (an invalid regex, a schema that does not compile).
 */
export function compileEvaluator(config: EvaluatorConfig): CompiledEvaluator {
  switch (config.kind) {
    case "EXACT_MATCH":
      return (t) => {
        const want = normalise(referenceText(config, t), config);
        const got = normalise(textOf(t.output), config);
        return bool(got === want, got === want ? "output equals the expected output" : `output ${shown(got)} ≠ expected ${shown(want)}`);
      };
    case "CONTAINS":
      return (t) => {
        const want = normalise(referenceText(config, t), { ignoreCase: config.ignoreCase });
        const pass = normalise(textOf(t.output), { ignoreCase: config.ignoreCase }).includes(want);
        return bool(pass, `output ${pass ? "contains" : "does not contain"} ${shown(want)}`);
      };
    case "REGEX": {
      const re = compileRegex(config.pattern, config.flags);
      return (t) => {
        const pass = re.matcher(textOf(t.output)).find();
        return bool(pass, `/${config.pattern}/${config.flags} ${pass ? "matches" : "does not match"} the output`);
      };
    }
    case "JSON_VALID":
      return (t) => {
        const { parsed } = jsonOf(t.output);
        return bool(parsed, parsed ? "output is JSON" : t.output === null || t.output === undefined ? "no output" : "output is not JSON");
      };
    case "JSON_SCHEMA": {
      const validate = compileSchema(config.schema, ["config", "schema"]);
      return (t) => {
        try {
          checkAgainst(validate, jsonOf(t.output).value, ["output"]);
          return bool(true, "output fits the schema");
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          return bool(false, err.describe().replace("does not match the dataset's schema", "does not fit the schema"));
        }
      };
    }
    case "THRESHOLD":
      return (t) => {
        const figure = config.metric === "latency" ? t.latencyMs : config.metric === "cost" ? t.totalCost : t.totalTokens;
        if (figure === null || !Number.isFinite(figure)) throw new Error(`the trace has no ${config.metric} recorded`);
        const pass = config.operator === "<=" ? figure <= config.value : figure >= config.value;
        return bool(pass, `${config.metric} ${figure} ${pass ? "" : "not "}${config.operator} ${config.value}`.replace("  ", " "));
      };
    case "SIMILARITY":
      return (t) => {
        const a = normalise(textOf(t.output), config);
        const b = normalise(referenceText(config, t), config);
        const longer = Math.max(a.length, b.length);
        if (longer > MAX_SIMILARITY_CHARS) throw new Error(`too long to compare (${longer.toLocaleString("en-US")} characters; at most ${MAX_SIMILARITY_CHARS.toLocaleString("en-US")})`);
        const similarity = longer === 0 ? 1 : 1 - distance(a, b) / longer;
        const value = Math.round(similarity * 10_000) / 10_000;
        return { value, dataType: "NUMERIC", comment: `similarity ${value} to ${shown(b)}` };
      };
  }
}

/** Refuses a config live traces cannot use: the kinds that compare need a reference text there. */
export function checkLiveConfig(config: EvaluatorConfig): void {
  if (NEEDS_EXPECTED.has(config.kind) && !("reference" in config && config.reference)) {
    throw new DomainError("invalid", "Live traces have no expected output: give a reference text to compare with, or switch live traces off.", { path: ["config", "reference"] });
  }
}

/** Runs a compiled evaluator on one target: its outcome, or the error message it hit. */
export function runOn(evaluate: CompiledEvaluator, target: EvalTarget): { ok: true; outcome: Outcome } | { ok: false; error: string } {
  try {
    return { ok: true, outcome: evaluate(target) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message.slice(0, 1000) : String(err).slice(0, 1000) };
  }
}
