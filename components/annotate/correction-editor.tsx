"use client";
// The reviewer's correction of an output: the original beside an editable
// copy (prefilled with the output as text), a live diff, save / clear. Used in
// the annotation panel (trace, selected observation) and the queue review form.
// Everything is text: outputs and corrections are never rendered as HTML.
import { useDeferredValue, useEffect, useState, useTransition, type RefObject } from "react";
import { TextDiff } from "@/components/diff/text-diff";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/components/ui/format";
import { clearCorrectionAction, saveCorrectionAction } from "@/lib/scores/actions";
import type { CorrectionView } from "@/lib/scores/schemas";

export interface CorrectionEditorProps {
  projectId: string;
  objectType: "TRACE" | "OBSERVATION";
  objectId: string;
  /** the original output as text (lib/diff.ts diffText) */
  output: string;
  /** the output was longer than the editor takes: `output` is its start */
  outputCut?: boolean;
  /** the reviewer's own correction */
  correction: CorrectionView | null;
  /** the latest correction by someone else, shown when the reviewer has none */
  other?: CorrectionView | null;
  canAnnotate: boolean;
  queueId?: string;
  /** Set while the draft has unsaved changes: the queue form saves it before completing. */
  saveRef?: RefObject<(() => Promise<string | undefined>) | null>;
  onSavedChange?: (hasCorrection: boolean) => void;
  /** "stack": original above the editor (narrow columns such as the queue form) */
  layout?: "side" | "stack";
}

export function CorrectionEditor(props: CorrectionEditorProps) {
  const { projectId, objectType, objectId, output, canAnnotate } = props;
  const [saved, setSaved] = useState<CorrectionView | null>(props.correction);
  const [draft, setDraft] = useState(props.correction?.value ?? output);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const [pending, start] = useTransition();
  // The diff follows typing without blocking it (outputs can be long).
  const shown = useDeferredValue(draft);
  const base = saved?.value ?? output;
  const dirty = draft !== base;
  const label = objectType === "TRACE" ? "trace" : "observation";

  const save = async (): Promise<string | undefined> => {
    const res = await saveCorrectionAction({ projectId, objectType, objectId, value: draft, queueId: props.queueId });
    if (!res.ok || !res.data) {
      setError(res.error ?? "The correction was not saved.");
      return res.error ?? "The correction was not saved.";
    }
    setError(undefined);
    setSaved(res.data);
    setNote("Correction saved.");
    props.onSavedChange?.(true);
    return undefined;
  };

  const { saveRef } = props;
  useEffect(() => {
    if (!saveRef) return;
    saveRef.current = dirty && canAnnotate ? save : null;
    return () => {
      saveRef.current = null;
    };
  });

  const clear = () =>
    start(async () => {
      const res = await clearCorrectionAction({ projectId, objectType, objectId });
      if (!res.ok) return setError(res.error);
      setError(undefined);
      setSaved(null);
      setDraft(output);
      setNote("Correction cleared.");
      props.onSavedChange?.(false);
    });

  return (
    <section className="col gap-2" aria-label="Correction" data-testid="correction">
      <div className="row gap-2 wrap">
        <h3 className="strong" style={{ margin: 0, fontSize: "var(--fs-md, 14px)" }}>
          Correction
        </h3>
        {saved ? (
          <span className="small muted" data-testid="correction-status">
            Saved by you · updated {formatDate(saved.updatedAt, { seconds: false })}
          </span>
        ) : (
          <span className="small muted" data-testid="correction-status">
            No correction yet. Edit the {label}'s output in the box and save: promotion uses it as the expected output.
          </span>
        )}
      </div>
      {props.outputCut && (
        <p className="small muted" role="note" style={{ margin: 0 }}>
          This output is long: the editor starts from its first {output.length.toLocaleString("en-US")} characters and saves what the box holds.
        </p>
      )}
      {!saved && props.other && (
        <p className="small muted" style={{ margin: 0 }}>
          {props.other.authorName ?? "Someone"} corrected it on {formatDate(props.other.updatedAt, { seconds: false })}; yours would be kept beside theirs.
        </p>
      )}
      <div className={props.layout === "stack" ? "col" : "grid grid-2"} style={{ gap: 8 }}>
        <div className="col gap-1" style={{ minWidth: 0 }}>
          <span className="label">Original output</span>
          <pre className="code" aria-label="Original output" style={{ margin: 0, maxHeight: 260, overflow: "auto", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {output || <span className="faint">(no output)</span>}
          </pre>
        </div>
        <label className="col gap-1" style={{ minWidth: 0 }}>
          <span className="label">Corrected output</span>
          <textarea
            className="textarea mono"
            aria-label="Corrected output"
            value={draft}
            readOnly={!canAnnotate}
            onChange={(e) => {
              setDraft(e.target.value);
              setNote(undefined);
            }}
            rows={8}
            style={{ minHeight: 160 }}
          />
        </label>
      </div>
      <div className="col gap-1">
        <span className="label">Changes</span>
        <TextDiff before={output} after={shown} sameLabel="Same as the original output: edit the corrected output to make a correction." />
      </div>
      {error && (
        <div className="error-text small" role="alert">
          {error}
        </div>
      )}
      {canAnnotate ? (
        <div className="row gap-2 wrap">
          <Button size="sm" variant="primary" loading={pending} disabled={!dirty} onClick={() => start(async () => void (await save()))}>
            Save correction
          </Button>
          <Button size="sm" variant="ghost" disabled={!dirty || pending} onClick={() => setDraft(base)}>
            Discard changes
          </Button>
          {saved && (
            <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm("Clear your correction? The original output stays as it is.") && clear()}>
              Clear correction
            </Button>
          )}
          {note && (
            <span className="small muted" role="status">
              {note}
            </span>
          )}
        </div>
      ) : (
        <p className="muted small">Your role can read corrections but not write them.</p>
      )}
    </section>
  );
}
