"use client";
// A run's items in link order: the dataset item's input and expected output
// (as it was run), the output, scores, latency, cost, the trace, and any
// evaluator error on the item. Everything is text (trace contents are untrusted).
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { formatCost, formatDuration } from "@/components/ui/format";
import type { RunPageItem } from "@/lib/experiments/run-page";
import { runScoreText } from "../score-figures";

const Preview = ({ text }: { text: string | null }) => (text === null ? <span className="faint">—</span> : <span className="run-preview mono small" title={text}>{text}</span>);

function columns(projectId: string, datasetId: string): DataTableColumn<RunPageItem>[] {
  const p = encodeURIComponent(projectId);
  return [
    {
      id: "item",
      header: "Item",
      meta: { width: 120 },
      cell: ({ row }) => (
        <Link className="link mono ellipsis small" href={`/${p}/datasets/${encodeURIComponent(datasetId)}/items/${encodeURIComponent(row.original.datasetItemId)}`} title={row.original.datasetVersion ? `run at the dataset as of ${row.original.datasetVersion}` : row.original.datasetItemId}>
          {row.original.datasetItemId}
        </Link>
      ),
    },
    { id: "input", header: "Input", meta: { width: 220, wrap: true }, cell: ({ row }) => <Preview text={row.original.inputPreview} /> },
    { id: "expectedOutput", header: "Expected output", meta: { width: 200, wrap: true }, cell: ({ row }) => <Preview text={row.original.expectedOutputPreview} /> },
    {
      id: "output",
      header: "Output",
      meta: { width: 240, wrap: true },
      cell: ({ row }) => (row.original.traceArrived ? <Preview text={row.original.outputPreview} /> : <span className="faint small">trace not arrived yet</span>),
    },
    {
      id: "scores",
      header: "Scores",
      meta: { width: 180, wrap: true },
      cell: ({ row }) => {
        const r = row.original;
        if (!r.scores.length && !r.errors.length) return <span className="faint">—</span>;
        return (
          <span className="run-scores">
            {r.scores.map((s) => (
              <Badge key={s.name} title={`${s.name} (${s.source.toLowerCase()})${s.comment ? `: ${s.comment}` : ""}`}>
                {s.name} <span className="mono">{runScoreText(s)}</span>
              </Badge>
            ))}
            {r.errors.map((e) => (
              <Badge key={e.evaluatorId} tone="error" title={`${e.evaluatorName} failed on this item: ${e.error}`}>
                {e.evaluatorName}: error
              </Badge>
            ))}
            {r.errors.map((e) => (
              <span key={`${e.evaluatorId}-msg`} className="run-error small">
                {e.error}
              </span>
            ))}
          </span>
        );
      },
    },
    { id: "latency", header: "Latency", meta: { align: "right" }, cell: ({ row }) => <span className="nowrap">{formatDuration(row.original.latencyMs)}</span> },
    { id: "cost", header: "Cost", meta: { align: "right" }, cell: ({ row }) => <span className="nowrap">{formatCost(row.original.totalCost)}</span> },
    {
      id: "trace",
      header: "Trace",
      meta: { width: 120 },
      cell: ({ row }) => {
        const r = row.original;
        const href = `/${p}/traces/${encodeURIComponent(r.traceId)}${r.observationId ? `?observation=${encodeURIComponent(r.observationId)}` : ""}`;
        return (
          <Link className="link mono ellipsis small" href={href} title={r.observationId ? `observation ${r.observationId} of trace ${r.traceId}` : `trace ${r.traceId}`}>
            {r.traceId}
          </Link>
        );
      },
    },
  ];
}

export function RunItemsTable(props: { projectId: string; datasetId: string; rows: RunPageItem[]; total: number; page: number; limit: number }) {
  return (
    <DataTable
      tableId="run-items"
      columns={columns(props.projectId, props.datasetId)}
      data={props.rows}
      total={props.total}
      page={props.page}
      limit={props.limit}
      sort={null}
      getRowId={(r) => r.runItemId}
      empty={<p className="muted">No items linked yet. Items appear here as the SDK links them (this page updates itself while the run fills in).</p>}
    />
  );
}
