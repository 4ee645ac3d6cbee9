"use client";
// The import page: choose a file, check the format and the mapping against a
// preview of its first rows (as they will be stored, with each row's errors),
// choose the mode, and import: the file is uploaded to the route handler and
// the IMPORT job's progress shown until it ends.
import Link from "next/link";
import { useCallback, useState } from "react";
import { previewImportAction } from "@/lib/datasets/import/actions";
import {
  describeImportResult,
  describeRowError,
  formatFromFilename,
  MAPPED_FIELDS,
  type ImportFormat,
  type ImportMapping,
  type ImportMode,
  type ImportPreview,
  type MappedField,
} from "@/lib/datasets/import/schemas";
import type { JobView } from "@/lib/jobs/schemas";
import { JobProgress } from "../jobs/job-progress";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

const PREVIEW_BYTES = 64 * 1024;
const FIELD_LABELS: Record<MappedField, string> = { input: "Input", expectedOutput: "Expected output", metadata: "Metadata", id: "Id (updates the item with this id)" };

const preview = (v: unknown) => (v === undefined ? "" : JSON.stringify(v)).slice(0, 200);

export function ImportForm({ projectId, datasetId, datasetHref, hasSchemas }: { projectId: string; datasetId: string; datasetHref: string; hasSchemas: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>("jsonl");
  const [mode, setMode] = useState<ImportMode>("valid");
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [result, setResult] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<JobView | null>(null);

  const runPreview = useCallback(
    async (f: File, fmt: ImportFormat, map: ImportMapping | null) => {
      setBusy(true);
      setError(null);
      let text = await f.slice(0, PREVIEW_BYTES).text();
      const truncated = f.size > PREVIEW_BYTES;
      // Cut at the last line break so the preview does not end in half a row.
      if (truncated && text.lastIndexOf("\n") > 0) text = text.slice(0, text.lastIndexOf("\n") + 1);
      const state = await previewImportAction({ projectId, datasetId, format: fmt, text, truncated, mapping: map ?? undefined }).catch(() => null);
      setBusy(false);
      if (!state?.ok || !state.data) return setError(state?.error ?? "Could not read the file's first rows.");
      setResult(state.data);
      setMapping(state.data.mapping);
    },
    [projectId, datasetId],
  );

  async function choose(f: File | null) {
    setFile(f);
    setResult(null);
    setMapping(null);
    setJob(null);
    if (!f) return;
    const fmt = formatFromFilename(f.name) ?? format;
    setFormat(fmt);
    await runPreview(f, fmt, null);
  }

  async function startImport() {
    if (!file || !mapping) return;
    setBusy(true);
    setError(null);
    const q = new URLSearchParams({ format, mode, fileName: file.name });
    for (const f of MAPPED_FIELDS) if (mapping[f]) q.set(f, mapping[f]!);
    const res = await fetch(`/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}/import/upload?${q}`, { method: "POST", body: file }).catch(() => null);
    setBusy(false);
    const body = (await res?.json().catch(() => null)) as (JobView & { error?: { message?: string } }) | null;
    if (!res?.ok || !body) return setError(body?.error?.message ?? "The upload failed; try again.");
    setJob(body);
  }

  if (job) {
    return (
      <div className="col gap-3">
        <JobProgress projectId={projectId} job={job} describeResult={describeImportResult} />
        <div className="row gap-2">
          <Link className="btn btn-primary" href={datasetHref}>
            Back to the dataset
          </Link>
          <Button onClick={() => choose(null)}>Import another file</Button>
        </div>
      </div>
    );
  }

  const rowsWithErrors = result?.rows.filter((r) => r.errors.length).length ?? 0;
  return (
    <div className="col gap-4 import-form">
      <section className="card">
        <div className="card-body form">
          <label className="field">
            <span className="label">File</span>
            <input className="input" type="file" accept=".jsonl,.ndjson,.json,.csv" aria-label="File" onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} />
            <span className="hint">JSONL: one JSON object per line. CSV: a header line naming the columns; a cell holding JSON is read as JSON, anything else as text.</span>
          </label>
          {file && (
            <label className="field">
              <span className="label">Format</span>
              <select
                className="select"
                value={format}
                onChange={(e) => {
                  const fmt = e.currentTarget.value as ImportFormat;
                  setFormat(fmt);
                  void runPreview(file, fmt, null);
                }}
              >
                <option value="jsonl">JSONL</option>
                <option value="csv">CSV</option>
              </select>
            </label>
          )}
        </div>
      </section>
      {!file && <p className="muted">Choose a file to see its columns and a preview of the first rows before anything is written.</p>}
      {error && <Alert tone="error">{error}</Alert>}
      {result && mapping && file && (
        <>
          <section className="card">
            <div className="card-head">
              <h2 className="card-title">Mapping</h2>
            </div>
            <div className="card-body import-mapping">
              {MAPPED_FIELDS.map((f) => (
                <label key={f} className="field">
                  <span className="label">{FIELD_LABELS[f]}</span>
                  <select
                    className="select"
                    aria-label={`${FIELD_LABELS[f]} column`}
                    value={mapping[f] ?? ""}
                    onChange={(e) => {
                      const next = { ...mapping, [f]: e.currentTarget.value || undefined };
                      setMapping(next);
                      if (next.input || next.expectedOutput) void runPreview(file, format, next);
                    }}
                  >
                    <option value="">(not imported)</option>
                    {result.columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </section>
          <section className="card">
            <div className="card-head">
              <h2 className="card-title">Preview</h2>
              <span className="small muted">
                first {result.rows.length} row{result.rows.length === 1 ? "" : "s"}
                {rowsWithErrors ? ` · ${rowsWithErrors} with errors` : " · no errors"}
                {hasSchemas ? " · checked against the dataset's schemas" : ""}
              </span>
            </div>
            <div className="table-wrap">
              <table className="table import-preview">
                <thead>
                  <tr>
                    <th>Row</th>
                    <th>Id</th>
                    <th>Input</th>
                    <th>Expected output</th>
                    <th>Metadata</th>
                    <th>Errors</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={r.row} className={r.errors.length ? "is-error" : undefined}>
                      <td className="num">{r.row}</td>
                      <td className="mono small">{r.item ? (r.item.id ?? <span className="faint">new</span>) : null}</td>
                      <td className="mono small import-cell">{preview(r.item?.input)}</td>
                      <td className="mono small import-cell">{preview(r.item?.expectedOutput)}</td>
                      <td className="mono small import-cell">{preview(r.item?.metadata)}</td>
                      <td className="small error-text import-errors">{r.errors.map(describeRowError).join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card">
            <div className="card-body form">
              <fieldset className="field">
                <legend className="label">Rows with errors</legend>
                <label className="check">
                  <input type="radio" name="mode" checked={mode === "valid"} onChange={() => setMode("valid")} /> Import the valid rows, list the others
                </label>
                <label className="check">
                  <input type="radio" name="mode" checked={mode === "all"} onChange={() => setMode("all")} /> Import nothing unless every row is valid
                </label>
              </fieldset>
              <div className="row gap-2">
                <Button variant="primary" loading={busy} disabled={!mapping.input && !mapping.expectedOutput} onClick={startImport}>
                  Import {file.name}
                </Button>
                <span className="small muted">{(file.size / 1024).toFixed(file.size < 10240 ? 1 : 0)} KB · the whole file is checked as it is imported</span>
              </div>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
