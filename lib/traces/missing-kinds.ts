// The instrumentation gaps a trace can have (the traces filter ?missing=…,
// the health figures). Pure: the URL codec and client components use it; the
// SQL of each kind is missing.ts.
export const MISSING_KINDS = ["input", "output", "model", "usage", "cost", "end"] as const;
export type MissingKind = (typeof MISSING_KINDS)[number];

/** What each kind means, for labels and the filter's chip. */
export const MISSING_LABELS: Record<MissingKind, string> = {
  input: "trace without input",
  output: "trace without output",
  model: "generation without a model",
  usage: "generation without usage (cost unknown)",
  cost: "generation without cost",
  end: "observation never ended",
};

/** Kinds on the trace row itself; the others are about its observations. */
export const TRACE_KINDS: ReadonlySet<MissingKind> = new Set(["input", "output"]);

export function isMissingKind(v: string): v is MissingKind {
  return (MISSING_KINDS as readonly string[]).includes(v);
}
