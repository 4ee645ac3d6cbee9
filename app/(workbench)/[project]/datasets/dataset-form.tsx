"use client";
// Create a dataset, or edit one (with `dataset`): name, description, metadata
// and the optional JSON Schemas for input and expected output, each refused at
// its own field.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { saveDataset } from "@/lib/datasets/actions";
import type { DatasetView } from "@/lib/datasets/schemas";
import type { FormState } from "@/lib/forms";
import { JsonField, errorUnder, jsonForEditor } from "./json-field";

export function DatasetForm({ projectId, dataset, onSaved }: { projectId: string; dataset?: DatasetView; onSaved?: () => void }) {
  const [state, dispatch, pending] = useActionState<FormState<{ id: string }>, FormData>(saveDataset, {});
  const router = useRouter();
  const err = state.fieldErrors ?? {};
  const prefix = dataset ? "edit-ds" : "new-ds";

  // Each answer is acted on once (a parent re-render hands a new onSaved, which must not refresh again).
  const handled = useRef<FormState<{ id: string }> | null>(null);
  useEffect(() => {
    if (!state.ok || !state.data || handled.current === state) return;
    handled.current = state;
    if (dataset) {
      onSaved?.();
      router.refresh();
    } else router.push(`/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(state.data.id)}`);
  }, [state, dataset, onSaved, router, projectId]);

  const shown = ["name", "description", "metadata", "inputSchema", "expectedOutputSchema"].some((f) => errorUnder(err, f));
  return (
    <form onSubmit={keepValuesOnSubmit(dispatch)} className="form" aria-label={dataset ? "Edit dataset" : "New dataset"}>
      <input type="hidden" name="projectId" value={projectId} />
      {dataset && <input type="hidden" name="datasetId" value={dataset.id} />}
      <Field label="Name" htmlFor={`${prefix}-name`} error={err.name} required>
        <Input id={`${prefix}-name`} name="name" required maxLength={200} defaultValue={dataset?.name} placeholder="e.g. support-regressions" invalid={!!err.name} />
      </Field>
      <Field label="Description" htmlFor={`${prefix}-desc`} error={err.description}>
        <Textarea id={`${prefix}-desc`} name="description" rows={2} maxLength={5000} defaultValue={dataset?.description ?? ""} />
      </Field>
      <JsonField id={`${prefix}-meta`} name="metadata" label="Metadata (JSON)" rows={3} defaultValue={jsonForEditor(dataset?.metadata)} placeholder='{"owner": "qa"}' serverError={errorUnder(err, "metadata")} />
      <div className="grid grid-2">
        <JsonField
          id={`${prefix}-in-schema`}
          name="inputSchema"
          label="Input JSON Schema (optional)"
          rows={5}
          defaultValue={jsonForEditor(dataset?.inputSchema)}
          placeholder='{"type": "object", "required": ["question"]}'
          hint="Every item's input must fit it."
          serverError={errorUnder(err, "inputSchema")}
        />
        <JsonField
          id={`${prefix}-out-schema`}
          name="expectedOutputSchema"
          label="Expected output JSON Schema (optional)"
          rows={5}
          defaultValue={jsonForEditor(dataset?.expectedOutputSchema)}
          placeholder='{"type": "string"}'
          hint="Every item's expected output must fit it."
          serverError={errorUnder(err, "expectedOutputSchema")}
        />
      </div>
      {state.error && !shown && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" loading={pending}>
          {dataset ? "Save dataset" : "Create dataset"}
        </Button>
      </div>
    </form>
  );
}
