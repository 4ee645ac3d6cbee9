"use client";
// "Add item": a manual item (origin MANUAL) typed as JSON; the dataset's
// schemas are checked on the server and a misfit shows at its field.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { addItem } from "@/lib/datasets/actions";
import type { FormState } from "@/lib/forms";
import { JsonField, errorUnder } from "../json-field";

export function AddItemDialog({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="primary" onClick={() => setOpen(true)}>
        Add item
      </Button>
      <Dialog title="Add an item" open={open} onOpenChange={setOpen} className="ds-dialog">
        <AddItemForm projectId={projectId} datasetId={datasetId} />
      </Dialog>
    </>
  );
}

function AddItemForm({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const [state, dispatch, pending] = useActionState<FormState<{ id: string }>, FormData>(addItem, {});
  const router = useRouter();
  const err = state.fieldErrors ?? {};
  useEffect(() => {
    if (state.ok && state.data) router.push(`/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}/items/${encodeURIComponent(state.data.id)}`);
  }, [state, router, projectId, datasetId]);
  const shown = ["itemId", "input", "expectedOutput", "metadata"].some((f) => errorUnder(err, f));
  return (
    <form onSubmit={keepValuesOnSubmit(dispatch)} className="form" aria-label="New item">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="datasetId" value={datasetId} />
      <JsonField id="new-item-input" name="input" label="Input (JSON)" rows={5} placeholder='{"question": "What is 2+2?"}' serverError={errorUnder(err, "input")} />
      <JsonField id="new-item-expected" name="expectedOutput" label="Expected output (JSON)" rows={4} placeholder='"4"' hint='Text is JSON too: write "4" in quotes.' serverError={errorUnder(err, "expectedOutput")} />
      <JsonField id="new-item-metadata" name="metadata" label="Metadata (JSON, optional)" rows={2} placeholder='{"topic": "math"}' serverError={errorUnder(err, "metadata")} />
      <Field label="Id (optional)" htmlFor="new-item-id" hint="Leave empty for a generated id." error={err.itemId}>
        <Input id="new-item-id" name="itemId" maxLength={800} invalid={!!err.itemId} />
      </Field>
      {state.error && !shown && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          Add item
        </Button>
      </div>
    </form>
  );
}
