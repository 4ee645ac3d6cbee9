"use client";
// "Add to dataset": target datasets (or a new one), the mapping per field, what
// to do with a source already there, a preview of the item as it will be
// stored, then the outcome, or the background job's progress for big
// selections (the dialog can be closed: the job goes on, /<project>/jobs has it).
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { loadPromotionSource, promoteObservationView, promoteSources } from "@/lib/datasets/promote-actions";
import type { PromotionSource } from "@/lib/datasets/mapping";
import { describePromotion, DIRECT_PROMOTION_LIMIT, type PromotionStart, type SourceRefInput as SourceRef } from "@/lib/datasets/promote-schemas";
import { bulkTraceAction } from "@/lib/traces/actions";
import { JobProgress } from "../jobs/job-progress";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { DatasetPicker, type DatasetChoice } from "./dataset-picker";
import { draftOf, mappingOf } from "./mapping-form";
import { MappingEditor } from "./mapping-editor";
import { DatasetLinks, PromoteResult } from "./promote-result";
import { PromotePreview } from "./promote-preview";

/** What is promoted: sources named (a trace, an observation), or a traces-table selection (ticked rows or all matching). */
export type PromoteTarget =
  | { kind: "sources"; sources: SourceRef[] }
  | { kind: "traces"; selection: { ids: string[]; allMatching: boolean; view: string }; count: number }
  | { kind: "observations"; view: string; count: number };

export interface PromoteDialogProps {
  projectId: string;
  datasets: DatasetChoice[];
  target: PromoteTarget;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

const countOf = (t: PromoteTarget) => (t.kind === "sources" ? t.sources.length : t.count);

export function PromoteDialog({ projectId, datasets: initialDatasets, target, open, onOpenChange }: PromoteDialogProps) {
  const router = useRouter();
  const [datasets, setDatasets] = useState(initialDatasets);
  const [selected, setSelected] = useState<string[]>(initialDatasets.length === 1 ? [initialDatasets[0].id] : []);
  const [draft, setDraft] = useState(draftOf);
  const [onExisting, setOnExisting] = useState<"skip" | "update">("skip");
  const [source, setSource] = useState<PromotionSource | null>(null);
  const [loadingSource, setLoadingSource] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [datasetError, setDatasetError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PromotionStart | null>(null);
  const { mapping, errors } = useMemo(() => mappingOf(draft), [draft]);
  const n = countOf(target);

  // The preview maps the real source: the first one of a bulk selection.
  const previewRef =
    target.kind === "sources"
      ? target.sources[0]
      : target.kind === "observations"
        ? { observationView: target.view }
        : target.selection.allMatching
          ? { traceView: target.selection.view }
          : { traceId: target.selection.ids[0] };
  const previewKey = JSON.stringify(previewRef);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoadingSource(true);
    loadPromotionSource({ projectId, source: JSON.parse(previewKey) })
      .then((res) => {
        if (!live) return;
        if (!res.ok) setError(res.error ?? "Could not load the source.");
        setSource(res.data?.source ?? null);
      })
      .catch(() => live && setError("Could not load the source."))
      .finally(() => live && setLoadingSource(false));
    return () => {
      live = false;
    };
  }, [open, projectId, previewKey]);

  const reset = () => {
    setOutcome(null);
    setError(null);
    setDatasetError(null);
  };

  const save = async () => {
    if (!selected.length) return setDatasetError("Pick at least one dataset, or create one.");
    if (!mapping) return setError("Fix the mapping first.");
    setDatasetError(null);
    setError(null);
    setBusy(true);
    const promotion = { datasetIds: selected, mapping, onExisting };
    try {
      const res =
        target.kind === "sources"
          ? await promoteSources({ projectId, promotion, sources: target.sources })
          : target.kind === "observations"
            ? await promoteObservationView({ projectId, promotion, view: target.view })
            : await bulkTraceAction({ projectId, selection: target.selection, action: { action: "dataset", promotion } }).then((r) => ({ ...r, data: r.data?.promotion }));
      if (!res.ok || !res.data) return setError(res.error ?? "Could not add to the dataset.");
      setOutcome(res.data);
      if (res.data.kind === "done") router.refresh();
    } finally {
      setBusy(false);
    }
  };

  const chosen = datasets.filter((d) => selected.includes(d.id));
  const close = () => {
    onOpenChange(false);
    reset();
  };
  const what = target.kind === "sources" && n === 1 ? (target.sources[0].observationId ? "this observation" : "this trace") : `${n.toLocaleString("en-US")} ${target.kind === "traces" ? "trace" : target.kind === "observations" || (target.kind === "sources" && target.sources.every((s) => s.observationId)) ? "observation" : "source"}${n === 1 ? "" : "s"}`;

  return (
    <Dialog
      title={`Add ${what} to a dataset`}
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : close())}
      className="promote-dialog"
      footer={
        outcome ? (
          <Button onClick={close}>Close</Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button variant="primary" loading={busy} onClick={save} disabled={!mapping}>
              Add to {selected.length > 1 ? `${selected.length} datasets` : "dataset"}
            </Button>
          </>
        )
      }
    >
      {outcome?.kind === "done" && <PromoteResult projectId={projectId} result={outcome.result} datasets={chosen} />}
      {outcome?.kind === "job" && (
        <div className="col gap-2">
          <p className="small muted">
            {what.charAt(0).toUpperCase() + what.slice(1)} are added in the background. You can close this dialog: the job goes on, and the Jobs page shows it.
          </p>
          <JobProgress projectId={projectId} job={outcome.job} describeResult={describePromotion} onFinished={() => router.refresh()} />
          <DatasetLinks projectId={projectId} datasets={chosen} />
        </div>
      )}
      {!outcome && (
        <div className="promote-form">
          <DatasetPicker
            projectId={projectId}
            datasets={datasets}
            selected={selected}
            onSelected={setSelected}
            error={datasetError}
            onCreated={(d) => {
              setDatasets((all) => [...all, d].sort((a, b) => a.name.localeCompare(b.name)));
              setSelected((s) => [...s, d.id]);
            }}
          />
          <MappingEditor draft={draft} errors={errors} onChange={setDraft} />
          <fieldset className="promote-existing">
            <legend className="label">If already in the dataset</legend>
            <label className="check small">
              <input type="radio" name="onExisting" checked={onExisting === "skip"} onChange={() => setOnExisting("skip")} /> Skip it
            </label>
            <label className="check small">
              <input type="radio" name="onExisting" checked={onExisting === "update"} onChange={() => setOnExisting("update")} /> Update it from this mapping
            </label>
          </fieldset>
          <PromotePreview source={source} mapping={mapping} loading={loadingSource} note={n > 1 ? `the first of ${n.toLocaleString("en-US")}` : undefined} />
          {n > DIRECT_PROMOTION_LIMIT && <p className="small muted">More than {DIRECT_PROMOTION_LIMIT}: this runs as a background job with progress.</p>}
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      )}
    </Dialog>
  );
}
