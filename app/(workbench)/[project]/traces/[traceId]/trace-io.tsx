"use client";
// The trace's own input and output. Small payloads come with the page; big
// ones (see INLINE_IO_CHARS) are fetched when the reader asks for them.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/components/ui/format";
import { IoView } from "@/components/trace/io-view";
import { loadTraceIo } from "@/lib/traces/actions";

export type IoPayload = { inline: true; value: unknown } | { inline: false; chars: number };

function OneIo({ projectId, traceId, field, payload }: { projectId: string; traceId: string; field: "input" | "output"; payload: IoPayload }) {
  const [value, setValue] = useState<unknown>(payload.inline ? payload.value : undefined);
  const [pending, start] = useTransition();
  const title = field === "input" ? "Input" : "Output";
  if (!payload.inline && value === undefined) {
    return (
      <section className="io">
        <div className="io-head">
          <h3 className="io-title">{title}</h3>
        </div>
        <div className="row gap-2">
          <span className="muted small">{formatBytes(payload.chars)} of JSON: not loaded with the page.</span>
          <Button size="sm" loading={pending} onClick={() => start(async () => setValue(await loadTraceIo(projectId, traceId, field)))}>
            Load {field}
          </Button>
        </div>
      </section>
    );
  }
  return <IoView title={title} value={value} loading={pending} />;
}

export function TraceIo(props: { projectId: string; traceId: string; input: IoPayload; output: IoPayload }) {
  return (
    <div className="grid-2">
      <div className="card card-body" style={{ maxHeight: 360, overflow: "auto" }}>
        <OneIo projectId={props.projectId} traceId={props.traceId} field="input" payload={props.input} />
      </div>
      <div className="card card-body" style={{ maxHeight: 360, overflow: "auto" }}>
        <OneIo projectId={props.projectId} traceId={props.traceId} field="output" payload={props.output} />
      </div>
    </div>
  );
}
