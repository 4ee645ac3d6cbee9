"use client";
// Edit and delete of one dataset (its row in the list, and its page's header).
// The delete confirmation reads what is lost when it opens.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { deleteDatasetAction, loadDatasetFootprint } from "@/lib/datasets/actions";
import type { DatasetFootprint, DatasetView } from "@/lib/datasets/schemas";
import { DatasetForm } from "./dataset-form";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "12 items, 2 runs and 1 promotion rule switched off": what the confirmation names. */
export function describeFootprint(f: DatasetFootprint): string {
  const parts = [plural(f.items, "item"), plural(f.runs, "run"), `${plural(f.rules, "promotion rule")} switched off`];
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

export function DatasetActions({ projectId, dataset, afterDelete }: { projectId: string; dataset: DatasetView; afterDelete?: string }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [footprint, setFootprint] = useState<DatasetFootprint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();

  useEffect(() => {
    if (!deleting) return;
    let live = true;
    loadDatasetFootprint(projectId, dataset.id).then(
      (f) => live && setFootprint(f),
      () => live && setError("Could not read what this dataset holds. Reload and try again."),
    );
    return () => {
      live = false;
    };
  }, [deleting, projectId, dataset.id]);

  const remove = () =>
    start(async () => {
      const res = await deleteDatasetAction({ projectId, datasetId: dataset.id });
      if (!res.ok) return setError(res.error ?? "Could not delete the dataset.");
      setDeleting(false);
      if (afterDelete) router.push(afterDelete);
      else router.refresh();
    });

  return (
    <span className="row gap-1 ds-actions">
      <Button size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${dataset.name}`}>
        Edit
      </Button>
      <Button size="sm" variant="ghost" onClick={() => (setError(null), setFootprint(null), setDeleting(true))} aria-label={`Delete ${dataset.name}`}>
        Delete
      </Button>
      <Dialog title={`Edit ${dataset.name}`} open={editing} onOpenChange={setEditing} className="ds-dialog">
        <DatasetForm projectId={projectId} dataset={dataset} onSaved={() => setEditing(false)} />
      </Dialog>
      <Dialog
        title={`Delete ${dataset.name}?`}
        open={deleting}
        onOpenChange={setDeleting}
        footer={
          <>
            <Button onClick={() => setDeleting(false)}>Cancel</Button>
            <Button variant="danger" loading={pending} disabled={!footprint} onClick={remove}>
              Delete dataset
            </Button>
          </>
        }
      >
        {footprint ? (
          <p>
            This deletes <strong>{describeFootprint(footprint)}</strong>
            {footprint.rules ? " (they stay, with the reason shown)" : ""}. Item history goes with it. This cannot be undone.
          </p>
        ) : !error ? (
          <p className="muted">Counting what this dataset holds…</p>
        ) : null}
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
      </Dialog>
    </span>
  );
}
