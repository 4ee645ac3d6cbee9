import { Badge } from "@/components/ui/badge";
import type { ObservationLevel, ObservationType } from "@/lib/objects/observation-view";

const SHORT: Record<ObservationType, string> = {
  SPAN: "SPAN",
  GENERATION: "GEN",
  EVENT: "EVENT",
  AGENT: "AGENT",
  TOOL: "TOOL",
  CHAIN: "CHAIN",
  RETRIEVER: "RETR",
  EMBEDDING: "EMBED",
  EVALUATOR: "EVAL",
  GUARDRAIL: "GUARD",
};

/** CSS class carrying the type colour (`--type-color`), e.g. "t-generation". Unknown types look like spans. */
export function typeClass(type: string): string {
  return type in SHORT ? `t-${type.toLowerCase()}` : "t-span";
}

export function TypeBadge({ type, full = false }: { type: ObservationType; full?: boolean }) {
  const short = SHORT[type] ?? type;
  return (
    <span className={`badge ${typeClass(type)}`} title={type}>
      {full ? type : short}
    </span>
  );
}

/** Nothing for DEFAULT: only levels worth noticing get a badge. */
export function LevelBadge({ level, always = false }: { level: ObservationLevel; always?: boolean }) {
  if (level === "ERROR") return <Badge tone="error">ERROR</Badge>;
  if (level === "WARNING") return <Badge tone="warning">WARNING</Badge>;
  if (level === "DEBUG") return <Badge tone="neutral">DEBUG</Badge>;
  return always ? <Badge tone="neutral">DEFAULT</Badge> : null;
}
