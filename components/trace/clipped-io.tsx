"use client";

// A payload too big to send with the page (lib/objects/payload-clip.ts): its
// first characters as plain text and its size, and the whole on request, then
// shown like any other payload. Untrusted: the preview is a text node.

import { useState, useTransition } from "react";
import { useParams } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/components/ui/format";
import { loadObservationPayload } from "@/lib/objects/actions";
import type { ObservationView, PayloadField, PayloadPreview } from "@/lib/objects/observation-view";
import { IoView } from "./io-view";

export function ClippedIo({ title, preview, load }: { title: string; preview: PayloadPreview; load: () => Promise<unknown> }) {
  const [value, setValue] = useState<unknown>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (value !== undefined) return <IoView title={title} value={value} />;
  const size = formatBytes(preview.chars);
  const showAll = () =>
    start(async () => {
      setError(null);
      try {
        setValue(await load());
      } catch (err) {
        setError(err instanceof Error ? err.message : "Request failed");
      }
    });
  return (
    <section className="io" aria-label={`${title} (clipped)`}>
      <div className="io-head">
        <h3 className="io-title">{title}</h3>
        <span className="faint small">
          first {formatBytes(preview.text.length)} of {size} of JSON
        </span>
        <span className="spacer" />
        <Button size="sm" loading={pending} onClick={showAll}>
          Show all ({size})
        </Button>
      </div>
      {error && <Alert tone="error" title={`Couldn't load the ${title.toLowerCase()}`}>{error}</Alert>}
      <div className="code" style={{ maxHeight: 320, overflow: "auto" }}>
        {preview.text}…
      </div>
    </section>
  );
}

/** An observation's clipped payload: the whole comes from the one observation loader, bound to its trace. */
export function ClippedObservationIo({ observation, field, title }: { observation: ObservationView; field: PayloadField; title: string }) {
  // Every viewer lives under /[project]/: the action checks the reader's role in that project.
  const { project } = useParams<{ project: string }>();
  const preview = observation.clipped?.[field];
  if (!preview) return null;
  return <ClippedIo title={title} preview={preview} load={() => loadObservationPayload(decoded(project), observation.traceId, observation.id, field)} />;
}

/** Route params may arrive percent-encoded; a lone "%" must not throw. */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
