"use client";
// The session as a conversation: one turn per trace, oldest first. Each turn can
// open its trace inline (tree and observation detail, fetched when opened) or
// link to the full trace page. Payloads are untrusted: ChatView/IoView render text.
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { ChatView } from "@/components/trace/chat-view";
import { IoView } from "@/components/trace/io-view";
import { TraceViewer } from "@/components/trace/trace-viewer";
import { loadObservation, loadTraceObservations } from "@/lib/objects/actions";
import type { ObservationView } from "@/lib/objects/observation-view";
import type { SessionTurn } from "@/lib/sessions/detail";
import { assistantSide, userSide } from "./turn-messages";

export function Conversation({ projectId, turns }: { projectId: string; turns: SessionTurn[] }) {
  return (
    <ol className="col gap-3" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Conversation">
      {turns.map((t, i) => (
        <li key={t.traceId}>
          <Turn projectId={projectId} turn={t} index={i} />
        </li>
      ))}
    </ol>
  );
}

export function Turn({ projectId, turn: t, index }: { projectId: string; turn: SessionTurn; index: number }) {
  const [open, setOpen] = useState(false);
  const [raw, setRaw] = useState(false);
  const [observations, setObservations] = useState<ObservationView[] | null>(null);
  const [error, setError] = useState<string>();
  const messages = [...userSide(t.input), ...assistantSide(t.output)];

  const toggle = () => {
    setOpen(!open);
    if (!open && observations === null) {
      loadTraceObservations(projectId, t.traceId)
        .then(setObservations)
        .catch((e: unknown) => setError(e instanceof Error ? e.message : "Could not load the trace"));
    }
  };

  return (
    <article className="card" aria-label={`Turn ${index + 1}`}>
      <header className="card-head row gap-2 wrap">
        <span className="strong">Turn {index + 1}</span>
        <span className="mono small ellipsis">{t.name ?? t.traceId}</span>
        {t.errorCount > 0 && <Badge tone="error">{t.errorCount} error{t.errorCount > 1 ? "s" : ""}</Badge>}
        <span className="spacer" />
        <span className="small muted nowrap">
          {formatDate(t.timestamp)} · {formatDuration(t.latencyMs)} · {formatTokens(t.totalTokens)} tok · {formatCost(t.totalCost)}
        </span>
        <Link className="btn btn-ghost btn-sm" href={`/${projectId}/traces/${encodeURIComponent(t.traceId)}`}>
          Open trace
        </Link>
      </header>
      <div className="card-body col gap-2">
        {raw ? (
          <div className="grid grid-2 gap-2">
            <IoView title="Input" value={t.input} />
            <IoView title="Output" value={t.output} />
          </div>
        ) : messages.length ? (
          <ChatView messages={messages} />
        ) : (
          <span className="faint small">No input or output recorded.</span>
        )}
        <div className="row gap-2">
          <button type="button" className="btn btn-ghost btn-sm" aria-expanded={open} onClick={toggle}>
            {open ? "▾" : "▸"} Observations ({t.observationCount})
          </button>
          <button type="button" className="btn btn-ghost btn-sm" aria-pressed={raw} onClick={() => setRaw(!raw)}>
            {raw ? "Show as conversation" : "Show full input/output"}
          </button>
        </div>
        {open &&
          (error ? (
            <span className="error-text" role="alert">{error}</span>
          ) : observations === null ? (
            <div className="skeleton" style={{ height: 120 }} aria-label="Loading" />
          ) : observations.length === 0 ? (
            <span className="faint small">This trace has no observations.</span>
          ) : (
            <div>
              <TraceViewer observations={observations} urlParam={null} loadObservation={(id) => loadObservation(projectId, t.traceId, id)} emptyDetail={<p className="muted small" style={{ padding: 12 }}>Select an observation.</p>} />
            </div>
          ))}
      </div>
    </article>
  );
}
