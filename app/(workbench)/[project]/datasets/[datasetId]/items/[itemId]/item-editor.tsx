"use client";
// The item's three payloads as JSON: a parse error shows at its field as you
// leave it; the server's refusal (bad JSON, or a misfit with the dataset's
// schema, with its path) at the field it names. Saving makes a new version.
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { updateItem } from "@/lib/datasets/actions";
import type { ItemView } from "@/lib/datasets/schemas";
import type { FormState } from "@/lib/forms";
import { JsonField, errorUnder, jsonForEditor } from "../../../json-field";

type Saved = { id: string; change: "created" | "updated" | "unchanged"; version: number };

export function ItemEditor({ projectId, datasetId, item, readOnly, schemas }: { projectId: string; datasetId: string; item: ItemView; readOnly: boolean; schemas: { input: boolean; expectedOutput: boolean } }) {
  const [state, dispatch, pending] = useActionState<FormState<Saved>, FormData>(updateItem, {});
  const router = useRouter();
  const err = state.fieldErrors ?? {};
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);

  if (readOnly) {
    return (
      <dl className="kv">
        {(["input", "expectedOutput", "metadata"] as const).map((f) => (
          <div key={f} style={{ display: "contents" }}>
            <dt>{LABEL[f]}</dt>
            <dd>
              <pre className="code">{jsonForEditor(item[f]) || "—"}</pre>
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  const shown = ["input", "expectedOutput", "metadata"].some((f) => errorUnder(err, f));
  // A new version remounts the fields, so they show what was stored (keepValuesOnSubmit keeps them on a refusal).
  return (
    <form key={item.version} onSubmit={keepValuesOnSubmit(dispatch)} className="form" aria-label="Edit item">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="datasetId" value={datasetId} />
      <input type="hidden" name="itemId" value={item.id} />
      <JsonField id="item-input" name="input" label="Input (JSON)" rows={8} defaultValue={jsonForEditor(item.input)} hint={schemas.input ? "Must fit the dataset's input schema." : undefined} serverError={errorUnder(err, "input")} />
      <JsonField
        id="item-expected"
        name="expectedOutput"
        label="Expected output (JSON)"
        rows={6}
        defaultValue={jsonForEditor(item.expectedOutput)}
        hint={schemas.expectedOutput ? "Must fit the dataset's expected output schema." : 'Text is JSON too: "4" in quotes.'}
        serverError={errorUnder(err, "expectedOutput")}
      />
      <JsonField id="item-metadata" name="metadata" label="Metadata (JSON)" rows={3} defaultValue={jsonForEditor(item.metadata)} serverError={errorUnder(err, "metadata")} />
      {state.error && !shown && (
        <div className="alert alert-error" role="alert">
          {state.error}
        </div>
      )}
      <div className="row gap-2">
        <Button type="submit" variant="primary" loading={pending}>
          Save item
        </Button>
        {state.ok && state.data && (
          <span className="small muted" role="status">
            {state.data.change === "unchanged" ? "Nothing changed." : `Saved as version ${state.data.version}.`}
          </span>
        )}
      </div>
    </form>
  );
}

const LABEL = { input: "Input", expectedOutput: "Expected output", metadata: "Metadata" } as const;
