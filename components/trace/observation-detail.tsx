"use client";

// Everything about one observation: what it was, what it cost, how long it took, and its payloads.

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { KeyValue } from "@/components/ui/key-value";
import { JsonTree } from "@/components/json/json-tree";
import { LongText } from "@/components/json/long-text";
import { NEVER_ENDED_TEXT, observationGaps, usageGapText } from "./gaps";
import { ClippedObservationIo } from "./clipped-io";
import { IoView } from "./io-view";
import { LevelBadge, TypeBadge } from "./type-badge";
import type { ObservationView } from "@/lib/objects/observation-view";

export interface ObservationDetailProps {
  observation: ObservationView;
  /** ISO start of the trace, to show the observation's offset into it. */
  traceStartTime?: string | null;
  /** Payloads are being fetched (input/output/metadata undefined). */
  loading?: boolean;
  /** Payload fetch failed. */
  error?: string | null;
  /** Slot for buttons such as "Score" or "Add to dataset". */
  actions?: ReactNode;
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** Only finite numbers from an untrusted details map. */
function numbers(map: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof map !== "object" || map === null || Array.isArray(map)) return out;
  for (const [k, v] of Object.entries(map)) if (typeof v === "number" && Number.isFinite(v)) out.set(k, v);
  return out;
}

function UsageTable({ o }: { o: ObservationView }) {
  const usage = numbers(o.usageDetails);
  const cost = numbers(o.costDetails);
  const main = [
    { key: "input", tokens: o.inputTokens, cost: o.inputCost },
    { key: "output", tokens: o.outputTokens, cost: o.outputCost },
  ];
  // Details beyond input/output/total (cache_read, reasoning, audio, …) as extra rows.
  const extra = [...new Set([...usage.keys(), ...cost.keys()])].filter((k) => !["input", "output", "total"].includes(k)).sort();
  const hasAny = o.totalTokens !== null || o.totalCost !== null || o.inputTokens !== null || o.outputTokens !== null || extra.length > 0;
  if (!hasAny) {
    // A generation without usage is a gap in the instrumentation, not just an empty table: say what it costs the reviewer.
    const g = observationGaps(o);
    if (g.noUsage && g.costUnknown)
      return (
        <Alert tone="warning" title="No usage reported: cost unknown">
          This generation reported no token usage, so its cost cannot be computed and is missing from the trace&apos;s and the dashboard&apos;s totals. Send usage
          (Langfuse <code className="mono">usageDetails</code>, OTel <code className="mono">gen_ai.usage.input_tokens</code> / <code className="mono">output_tokens</code>) or a cost.
        </Alert>
      );
    return <span className="faint small">No usage recorded</span>;
  }
  return (
    <table className="table" style={{ width: "auto", minWidth: 320 }}>
      <thead>
        <tr>
          <th>Usage type</th>
          <th className="num">Tokens</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {main.map((r) => (
          <tr key={r.key}>
            <td>{r.key}</td>
            <td className="num">{formatTokens(r.tokens ?? usage.get(r.key))}</td>
            <td className="num">{formatCost(r.cost ?? cost.get(r.key))}</td>
          </tr>
        ))}
        {extra.map((k) => (
          <tr key={k}>
            <td className="mono muted">{k}</td>
            <td className="num">{formatTokens(usage.get(k))}</td>
            <td className="num">{formatCost(cost.get(k))}</td>
          </tr>
        ))}
        <tr>
          <td className="strong">total</td>
          <td className="num strong">{formatTokens(o.totalTokens ?? usage.get("total"))}</td>
          <td className="num strong">{formatCost(o.totalCost ?? cost.get("total"))}</td>
        </tr>
      </tbody>
    </table>
  );
}

function isFlat(v: unknown): v is Record<string, string | number | boolean | null> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => x === null || ["string", "number", "boolean"].includes(typeof x))
  );
}

function Params({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="faint">—</span>;
  if (isFlat(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return <span className="faint">—</span>;
    return (
      <div className="row wrap gap-1">
        {entries.map(([k, v]) => (
          <span key={k} className="badge b-neutral mono" title={`${k}: ${String(v)}`}>
            {k}: {String(v).slice(0, 80)}
          </span>
        ))}
      </div>
    );
  }
  return <JsonTree value={value} toolbar={false} />;
}

function hasMetadata(m: unknown): boolean {
  if (m === null || m === undefined) return false;
  if (typeof m === "object" && !Array.isArray(m) && Object.keys(m).length === 0) return false;
  return true;
}

export function ObservationDetail({ observation: o, traceStartTime, loading = false, error, actions }: ObservationDetailProps) {
  const start = ms(o.startTime);
  const end = ms(o.endTime);
  const first = ms(o.completionStartTime);
  const traceStart = ms(traceStartTime);
  const latency = o.latencyMs ?? (start !== null && end !== null ? end - start : null);
  const ttft = start !== null && first !== null ? first - start : null;
  const isProblem = o.level === "ERROR" || o.level === "WARNING";
  const pending = loading && o.input === undefined;
  const gaps = observationGaps(o);
  const usageGap = usageGapText(gaps);

  return (
    <article className="col gap-4" aria-label="Observation detail">
      <header className="col gap-2">
        <div className="row wrap">
          <TypeBadge type={o.type} full />
          <h2 className="grow ellipsis" title={o.name ?? undefined}>
            {o.name || <span className="faint">(unnamed)</span>}
          </h2>
          <LevelBadge level={o.level} />
          {usageGap && (
            <Badge tone="warning" title={usageGap}>
              {usageGap}
            </Badge>
          )}
          {gaps.neverEnded && (
            <Badge tone="warning" title={NEVER_ENDED_TEXT}>
              never ended
            </Badge>
          )}
          {actions}
        </div>
        <div className="row wrap small muted">
          <span className="mono ellipsis">{o.id}</span>
          <CopyButton text={o.id} label="Copy id" />
          <span>{formatDuration(latency)}</span>
          {o.totalTokens !== null && <span>{formatTokens(o.totalTokens)} tokens</span>}
          {o.totalCost !== null && <span>{formatCost(o.totalCost)}</span>}
        </div>
        {o.statusMessage && isProblem && (
          <Alert tone={o.level === "ERROR" ? "error" : "warning"} title={o.level === "ERROR" ? "Error" : "Warning"}>
            <LongText text={o.statusMessage} limit={1000} />
          </Alert>
        )}
      </header>

      {error && <Alert tone="error" title="Couldn't load the payloads">{error}</Alert>}

      <div className="grid-2">
        <section className="col gap-2">
          <h3 className="io-title">Timing (UTC)</h3>
          <KeyValue
            items={[
              { label: "Start", value: formatDate(o.startTime, { ms: true }), mono: true },
              { label: "End", value: o.endTime ? formatDate(o.endTime, { ms: true }) : gaps.neverEnded ? <span title={NEVER_ENDED_TEXT}>never ended</span> : null, mono: true },
              { label: "Latency", value: formatDuration(latency) },
              ttft !== null && { label: "Time to first token", value: formatDuration(ttft) },
              traceStart !== null && start !== null && { label: "Offset in trace", value: `+${formatDuration(start - traceStart)}` },
              !!o.statusMessage && !isProblem && { label: "Status", value: o.statusMessage },
            ]}
          />
        </section>
        {(o.model || o.type === "GENERATION" || o.type === "EMBEDDING") && (
          <section className="col gap-2">
            <h3 className="io-title">Model</h3>
            <KeyValue
              items={[
                { label: "Model", value: o.model, mono: true },
                { label: "Parameters", value: <Params value={o.modelParameters} /> },
              ]}
            />
          </section>
        )}
      </div>

      <section className="col gap-2">
        <h3 className="io-title">Usage and cost</h3>
        <UsageTable o={o} />
      </section>

      {o.clipped?.input ? <ClippedObservationIo observation={o} field="input" title="Input" /> : <IoView title="Input" value={o.input} loading={pending} />}
      {o.clipped?.output ? <ClippedObservationIo observation={o} field="output" title="Output" /> : <IoView title="Output" value={o.output} loading={pending} />}
      {o.clipped?.metadata ? <ClippedObservationIo observation={o} field="metadata" title="Metadata" /> : hasMetadata(o.metadata) && <JsonTree label="Metadata" value={o.metadata} expandDepth={2} />}
    </article>
  );
}
