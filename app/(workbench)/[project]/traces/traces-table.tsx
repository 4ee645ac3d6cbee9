"use client";
// The traces table's columns and bulk bar around the shared DataTable. Sorting,
// filtering and paging happen on the server; this file only draws a page.
import { formatScore } from "@/lib/query/scores";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import type { TraceListRow } from "@/lib/traces/list";
import { TraceBulkActions } from "./trace-bulk-actions";
import { TraceFilters } from "./trace-filters";

/** One table row as plain data: the list row with its date as ISO text and the page's scores. */
export type TraceRowView = Omit<TraceListRow, "timestamp"> & {
  timestamp: string;
  /** The trace's own scores (what the score filters and sort use). */
  scores: Record<string, number | string>;
  /** Its observations' scores, shown in separate, hidden-by-default columns. */
  observationScores: Record<string, number | string>;
};

export interface TracesTableProps {
  projectId: string;
  rows: TraceRowView[];
  total: number;
  totalCapped: boolean;
  page: number;
  limit: number;
  sort: { id: string; desc: boolean };
  scoreNames: string[];
  traceNames: string[];
  /** The view's query string, carried into the trace page for prev/next and back. */
  viewQuery: string;
  canDelete: boolean;
  canAnnotate: boolean;
  queues: { id: string; name: string }[];
  datasets: { id: string; name: string }[];
  empty: React.ReactNode;
}

// Averages arrive unrounded (lib/query/scores.ts); the table rounds once, to fit the column.
const scoreText = (v: number | string | undefined): string => (v === undefined ? "" : formatScore(v, 2));

/** Score columns shown by default; more names stay in the column chooser so the table fits 1280 px. */
const DEFAULT_SCORE_COLUMNS = 2;

// Default columns and widths fit a 1280 px window (sidebar included): what a
// reviewer triages on — time, name, level, latency, tokens, cost, scores — comes
// first; who and where (user, tags, session, environment) follow, partly hidden
// by default. Widths clip their cell (ellipsis), so a long user id cannot push
// cost and scores out of sight.
function columns(projectId: string, scoreNames: string[]): DataTableColumn<TraceRowView>[] {
  const base = `/${encodeURIComponent(projectId)}`;
  const cols: DataTableColumn<TraceRowView>[] = [
    {
      id: "timestamp",
      header: "Time (UTC)",
      enableSorting: true,
      sortDescFirst: true,
      meta: { width: 156 },
      cell: ({ row }) => (
        <span className="nowrap mono" title={formatDate(row.original.timestamp, { ms: true })}>
          {formatDate(row.original.timestamp, { seconds: false })}
        </span>
      ),
    },
    {
      id: "name",
      header: "Name",
      enableSorting: true,
      meta: { width: 150 },
      cell: ({ row }) => (
        <span className="row gap-1">
          {row.original.bookmarked && (
            <span title="Bookmarked" aria-label="Bookmarked" style={{ color: "var(--warning)" }}>
              ★
            </span>
          )}
          <span className="ellipsis" title={row.original.name ?? undefined}>{row.original.name ?? <span className="faint">(unnamed)</span>}</span>
        </span>
      ),
    },
    {
      id: "errors",
      header: "Level",
      enableSorting: true,
      sortDescFirst: true,
      meta: { label: "Level (errors / warnings)", width: 84 },
      cell: ({ row }) => (
        <span className="row gap-1">
          {row.original.errorCount > 0 && <Badge tone="error">{row.original.errorCount} error{row.original.errorCount > 1 ? "s" : ""}</Badge>}
          {row.original.warningCount > 0 && <Badge tone="warning">{row.original.warningCount} warn</Badge>}
        </span>
      ),
    },
    {
      id: "latency",
      header: "Latency",
      enableSorting: true,
      sortDescFirst: true,
      meta: { align: "right", width: 78 },
      cell: ({ row }) => formatDuration(row.original.latencyMs),
    },
    {
      id: "tokens",
      header: "Tokens",
      enableSorting: true,
      sortDescFirst: true,
      meta: { align: "right", label: "Tokens (in → out)", width: 104 },
      cell: ({ row }) => (
        <span title={`${formatTokens(row.original.inputTokens)} in → ${formatTokens(row.original.outputTokens)} out, ${formatTokens(row.original.totalTokens)} total`}>
          {formatTokens(row.original.inputTokens)} → {formatTokens(row.original.outputTokens)}
        </span>
      ),
    },
    { id: "cost", header: "Cost", enableSorting: true, sortDescFirst: true, meta: { align: "right", width: 100 }, cell: ({ row }) => formatCost(row.original.totalCost) },
  ];
  scoreNames.forEach((name, i) => {
    cols.push({
      id: `score:${name}`,
      header: () => <span title={`${name}: the trace's own score (mean of several). Observation scores are the "(obs.)" columns.`}>{name}</span>,
      enableSorting: true,
      sortDescFirst: true,
      meta: { align: "right", label: `Score: ${name} (trace)`, width: 92, defaultHidden: i >= DEFAULT_SCORE_COLUMNS },
      cell: ({ row }) => <span className="mono">{scoreText(row.original.scores[name])}</span>,
    });
  });
  cols.push(
    { id: "userId", header: "User", meta: { width: 130 }, cell: ({ row }) => <span className="ellipsis" title={row.original.userId ?? undefined}>{row.original.userId ?? ""}</span> },
    {
      id: "tags",
      header: "Tags",
      meta: { width: 140, defaultHidden: true },
      cell: ({ row }) => (
        <span className="row gap-1">
          {row.original.tags.slice(0, 3).map((t) => (
            <Badge key={t}>{t}</Badge>
          ))}
          {row.original.tags.length > 3 && <span className="faint small">+{row.original.tags.length - 3}</span>}
        </span>
      ),
    },
    {
      id: "sessionId",
      header: "Session",
      meta: { width: 150, defaultHidden: true },
      cell: ({ row }) =>
        row.original.sessionId ? (
          <Link className="link ellipsis" href={`${base}/sessions/${encodeURIComponent(row.original.sessionId)}`} title={row.original.sessionId}>
            {row.original.sessionId}
          </Link>
        ) : null,
    },
    {
      id: "observations",
      header: "Obs.",
      enableSorting: true,
      sortDescFirst: true,
      meta: { align: "right", label: "Observations", width: 64, defaultHidden: true },
      cell: ({ row }) => formatTokens(row.original.observationCount),
    },
  );
  for (const name of scoreNames) {
    cols.push({
      id: `obsScore:${name}`,
      header: `${name} (obs.)`,
      meta: { align: "right", label: `Score: ${name} (mean over observations)`, width: 120, defaultHidden: true },
      cell: ({ row }) => <span className="mono" title="Mean over this trace's observations">{scoreText(row.original.observationScores[name])}</span>,
    });
  }
  cols.push(
    { id: "environment", header: "Environment", meta: { width: 110, defaultHidden: true }, cell: ({ row }) => row.original.environment },
    { id: "release", header: "Release", meta: { defaultHidden: true }, cell: ({ row }) => row.original.release ?? "" },
    { id: "version", header: "Version", meta: { defaultHidden: true }, cell: ({ row }) => row.original.version ?? "" },
    { id: "input", header: "Input", meta: { defaultHidden: true, width: 240 }, cell: ({ row }) => <span className="ellipsis mono">{row.original.inputPreview ?? ""}</span> },
    { id: "output", header: "Output", meta: { defaultHidden: true, width: 240 }, cell: ({ row }) => <span className="ellipsis mono">{row.original.outputPreview ?? ""}</span> },
  );
  return cols;
}

export function TracesTable(props: TracesTableProps) {
  const { projectId, viewQuery } = props;
  const cols = useMemo(() => columns(projectId, props.scoreNames), [projectId, props.scoreNames]);
  const href = (row: TraceRowView) => `/${encodeURIComponent(projectId)}/traces/${encodeURIComponent(row.id)}${viewQuery ? `?${viewQuery}` : ""}`;
  return (
    <DataTable<TraceRowView>
      tableId="traces"
      columns={cols}
      data={props.rows}
      total={props.total}
      totalCapped={props.totalCapped}
      page={props.page}
      limit={props.limit}
      sort={props.sort}
      getRowId={(r) => r.id}
      rowHref={href}
      selectable={props.canAnnotate}
      bulkActions={(selection) => <TraceBulkActions projectId={projectId} selection={selection} canDelete={props.canDelete} queues={props.queues} datasets={props.datasets} />}
      toolbar={<TraceFilters traceNames={props.traceNames} scoreNames={props.scoreNames} />}
      empty={props.empty}
    />
  );
}
