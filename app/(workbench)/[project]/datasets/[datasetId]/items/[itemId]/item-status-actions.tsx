"use client";
// Archive / restore (a new version with the status) and delete (after a confirmation).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { deleteItemAction, setItemStatus } from "@/lib/datasets/actions";
import type { ItemStatus } from "@/lib/datasets/schemas";

export function ItemStatusActions({ projectId, itemId, status, datasetHref }: { projectId: string; itemId: string; status: ItemStatus; datasetHref: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const router = useRouter();
  const archived = status === "ARCHIVED";

  const toggle = () =>
    start(async () => {
      const res = await setItemStatus({ projectId, itemId, status: archived ? "ACTIVE" : "ARCHIVED" });
      if (!res.ok) return setError(res.error ?? "Could not change the status.");
      setError(null);
      router.refresh();
    });
  const remove = () =>
    start(async () => {
      const res = await deleteItemAction({ projectId, itemId });
      if (!res.ok) return setError(res.error ?? "Could not delete the item.");
      router.push(datasetHref);
    });

  return (
    <span className="row gap-1">
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
      <Button size="sm" loading={pending && !confirming} onClick={toggle}>
        {archived ? "Restore" : "Archive"}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
        Delete
      </Button>
      <Dialog
        title="Delete this item?"
        open={confirming}
        onOpenChange={setConfirming}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button variant="danger" loading={pending} onClick={remove}>
              Delete item
            </Button>
          </>
        }
      >
        <p>
          The item leaves the dataset. Its history is kept, so the dataset as of an earlier time (an experiment pinned to a version) still holds it. To hide it from the table and keep it instead,
          archive it.
        </p>
      </Dialog>
    </span>
  );
}
