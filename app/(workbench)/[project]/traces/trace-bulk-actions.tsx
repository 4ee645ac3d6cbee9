"use client";
// The bulk bar over selected traces: bookmark, add to an annotation queue,
// delete (admins). Everything goes through one server action that re-checks
// the role and, for "all matching", re-runs the view's filter on the server.
import { useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import type { BulkSelection } from "@/components/data-table/data-table";
import { PromoteDialog } from "@/components/promote/promote-dialog";
import { Button } from "@/components/ui/button";
import { formatTokens } from "@/components/ui/format";
import { bulkTraceAction } from "@/lib/traces/actions";
import type { BulkTraceAction } from "@/lib/traces/schemas";

export function TraceBulkActions(props: {
  projectId: string;
  selection: BulkSelection;
  canDelete: boolean;
  queues: { id: string; name: string }[];
  datasets: { id: string; name: string }[];
}) {
  const { projectId, selection, canDelete, queues, datasets } = props;
  const [promoting, setPromoting] = useState(false);
  const view = useSearchParams()?.toString() ?? "";
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "error"; text: string } | null>(null);
  const [queueId, setQueueId] = useState("");

  const run = (action: BulkTraceAction, done: (n: number) => string) =>
    start(async () => {
      const res = await bulkTraceAction({ projectId, selection: { ids: selection.ids, allMatching: selection.allMatching, view }, action });
      if (!res.ok) return setMessage({ tone: "error", text: res.error ?? "Failed" });
      setMessage(null);
      // The bar goes with the selection; the table shows this result in its place.
      selection.clear(done(res.data?.affected ?? 0));
      router.refresh();
    });
  const queueName = queues.find((q) => q.id === queueId)?.name ?? "the queue";
  const n = (k: number) => `${formatTokens(k)} trace${k === 1 ? "" : "s"}`;

  return (
    <>
      <Button size="sm" loading={pending} onClick={() => run({ action: "bookmark", value: true }, (k) => `Bookmarked ${n(k)}.`)}>
        ★ Bookmark
      </Button>
      <Button size="sm" variant="ghost" disabled={pending} onClick={() => run({ action: "bookmark", value: false }, (k) => `Removed the bookmark from ${n(k)}.`)}>
        Remove bookmark
      </Button>
      <span className="row gap-1">
        <select className="select input-sm" aria-label="Annotation queue" value={queueId} onChange={(e) => setQueueId(e.target.value)} disabled={!queues.length}>
          <option value="">{queues.length ? "Annotation queue…" : "No annotation queues"}</option>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
        <Button size="sm" disabled={pending || !queueId} onClick={() => run({ action: "queue", queueId }, (k) => (k ? `Added ${n(k)} to ${queueName}.` : `Already in ${queueName}: nothing added.`))}>
          Add to queue
        </Button>
      </span>
      <Button size="sm" disabled={pending} onClick={() => setPromoting(true)}>
        Add to dataset
      </Button>
      {promoting && (
        <PromoteDialog
          projectId={projectId}
          datasets={datasets}
          target={{ kind: "traces", selection: { ids: selection.ids, allMatching: selection.allMatching, view }, count: selection.count }}
          open
          onOpenChange={setPromoting}
        />
      )}
      {canDelete && (
        <Button
          size="sm"
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (!confirm(`Delete ${n(selection.count)}${selection.allMatching ? " (everything matching the filter)" : ""} with their observations, scores and comments? This cannot be undone.`)) return;
            run({ action: "delete" }, (k) => `Deleted ${n(k)}.`);
          }}
        >
          Delete
        </Button>
      )}
      {message && (
        <span role="alert" className="error-text">
          {message.text}
        </span>
      )}
    </>
  );
}
