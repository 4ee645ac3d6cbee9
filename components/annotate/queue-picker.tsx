"use client";
// Pick a queue and add something to it: shared by the single-object button and bulk actions.
import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import type { FormState } from "@/lib/forms";

export function QueuePicker({
  projectId,
  queues,
  onAdd,
  label = "Add to queue",
}: {
  projectId: string;
  queues: { id: string; name: string }[];
  onAdd: (queueId: string) => Promise<FormState<{ added: number }>>;
  label?: string;
}) {
  const [queueId, setQueueId] = useState(queues[0]?.id ?? "");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string }>();

  if (!queues.length) {
    return (
      <Link className="btn btn-secondary btn-sm" href={`/${projectId}/queues`}>
        Create a queue to add to
      </Link>
    );
  }
  return (
    <span className="row gap-2">
      <Select size="sm" aria-label="Queue" value={queueId} onChange={(e) => setQueueId(e.target.value)} options={queues.map((q) => ({ value: q.id, label: q.name }))} />
      <Button
        size="sm"
        loading={pending}
        onClick={() =>
          start(async () => {
            const res = await onAdd(queueId);
            const name = queues.find((q) => q.id === queueId)?.name ?? "the queue";
            if (!res.ok) setMessage({ tone: "error", text: res.error ?? "Could not add." });
            else if (res.data?.added) setMessage({ tone: "ok", text: `Added ${res.data.added} to ${name}.` });
            else setMessage({ tone: "ok", text: `Already in ${name}.` });
          })
        }
      >
        {label}
      </Button>
      {message && (
        <span className={message.tone === "error" ? "error-text small nowrap" : "small muted nowrap"} role={message.tone === "error" ? "alert" : "status"}>
          {message.text}
        </span>
      )}
    </span>
  );
}
