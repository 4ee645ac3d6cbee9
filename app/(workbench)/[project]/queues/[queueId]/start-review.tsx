"use client";
// Without ?item= the reviewer is handed the next free item (held for them), or told why there is none.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { nextQueueItem } from "@/lib/queues/actions";
import { Card } from "@/components/ui/card";

export function StartReview({ projectId, queueId, total, completed, missingItem }: { projectId: string; queueId: string; total: number; completed: number; missingItem: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<"loading" | "none" | { error: string }>("loading");

  useEffect(() => {
    let cancelled = false;
    nextQueueItem({ projectId, queueId }).then((res) => {
      if (cancelled) return;
      if (!res.ok) setState({ error: res.error ?? "Could not load the next item." });
      else if (res.data?.itemId) router.replace(`/${projectId}/queues/${queueId}?item=${res.data.itemId}`);
      else setState("none");
    });
    return () => {
      cancelled = true;
    };
  }, [projectId, queueId, router]);

  if (state === "loading") return <Card><div className="skeleton" style={{ height: 200 }} aria-label="Loading the next item" /></Card>;
  if (typeof state === "object") return <div className="alert alert-error" role="alert">{state.error}</div>;
  const title = total === 0 ? "This queue is empty" : completed === total ? "All done" : "Nothing free to review";
  const description =
    total === 0
      ? "Add traces, observations or sessions to it first."
      : completed === total
        ? `All ${total} items are reviewed. Add more items, or go back to the queues.`
        : "The remaining items are being reviewed by others right now. Their holds expire after 10 minutes of inactivity; try again then.";
  return (
    <Card>
      {missingItem && <p className="muted small">That item is no longer in this queue.</p>}
      <EmptyState title={title} description={description} />
    </Card>
  );
}
