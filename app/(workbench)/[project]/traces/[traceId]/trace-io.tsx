"use client";
// The trace's own input and output. Small payloads come with the page; a big one
// (over INLINE_PAYLOAD_CHARS) comes as its start and size, the whole on request.
import { ClippedIo } from "@/components/trace/clipped-io";
import { IoView } from "@/components/trace/io-view";
import { loadTraceIo } from "@/lib/traces/actions";
import type { IoPayload } from "@/lib/traces/trace-io";

function OneIo({ projectId, traceId, field, payload }: { projectId: string; traceId: string; field: "input" | "output"; payload: IoPayload }) {
  const title = field === "input" ? "Input" : "Output";
  if (payload.inline) return <IoView title={title} value={payload.value} />;
  return <ClippedIo title={title} preview={payload.preview} load={() => loadTraceIo(projectId, traceId, field)} />;
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
