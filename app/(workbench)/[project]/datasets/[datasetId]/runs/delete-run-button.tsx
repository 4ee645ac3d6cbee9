"use client";
// Delete one run after a confirmation naming what goes (its run items and
// run-level scores) and what stays (the traces and their scores).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { deleteRunAction } from "@/lib/experiments/actions";

export function DeleteRunButton({ projectId, datasetId, run, afterDelete, size = "sm" }: { projectId: string; datasetId: string; run: { id: string; name: string; itemCount: number }; afterDelete?: string; size?: "sm" | "md" }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const remove = () =>
    start(async () => {
      const res = await deleteRunAction({ projectId, datasetId, runId: run.id });
      if (!res.ok) return setError(res.error ?? "Could not delete the run.");
      setOpen(false);
      if (afterDelete) router.push(afterDelete);
      else router.refresh();
    });
  return (
    <>
      <Button size={size} variant="ghost" onClick={() => (setError(null), setOpen(true))} aria-label={`Delete run ${run.name}`}>
        Delete
      </Button>
      <Dialog
        title={`Delete run ${run.name}?`}
        open={open}
        onOpenChange={setOpen}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="danger" loading={pending} onClick={remove}>
              Delete run
            </Button>
          </>
        }
      >
        <p>
          This deletes the run’s <strong>{run.itemCount.toLocaleString("en-US")} run item{run.itemCount === 1 ? "" : "s"}</strong> and its run-level scores. The traces and the scores on them stay. This cannot be undone.
        </p>
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
      </Dialog>
    </>
  );
}
