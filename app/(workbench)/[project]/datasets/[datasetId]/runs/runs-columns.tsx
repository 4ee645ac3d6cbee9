// The runs table's columns: fixed figures, then one column per item score
// (its average over the run's items) and per run-level score, all sortable on
// the server ("item:<name>", "run:<name>").
import Link from "next/link";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { formatCost, formatDate, formatDuration } from "@/components/ui/format";
import type { RunListRow } from "@/lib/experiments/run-list";
import { DeleteRunButton } from "./delete-run-button";
import { ItemScoreFigure, RunScoreFigure } from "./score-figures";

export interface RunScoreColumns {
  /** item score names across the dataset's runs */
  item: string[];
  /** run-level score names */
  run: string[];
}

const right = { align: "right" as const };

export function runsColumns(opts: { projectId: string; datasetId: string; runHref: (id: string) => string; scores: RunScoreColumns; canWrite: boolean }): DataTableColumn<RunListRow>[] {
  const { projectId, datasetId, runHref, scores, canWrite } = opts;
  const cols: DataTableColumn<RunListRow>[] = [
    {
      id: "name",
      header: "Run",
      enableSorting: true,
      meta: { width: 220, label: "Run" },
      cell: ({ row }) => (
        <span className="col">
          <Link className="link ellipsis strong" href={runHref(row.original.id)} title={row.original.name}>
            {row.original.name}
          </Link>
          {row.original.description && (
            <span className="ellipsis small muted" title={row.original.description}>
              {row.original.description}
            </span>
          )}
        </span>
      ),
    },
    {
      id: "itemCount",
      header: "Items",
      enableSorting: true,
      sortDescFirst: true,
      meta: right,
      cell: ({ row }) => {
        const r = row.original;
        const waiting = r.itemCount - r.tracesArrived;
        return (
          <span className="nowrap" title={waiting ? `${waiting} linked trace${waiting === 1 ? "" : "s"} not arrived yet` : undefined}>
            {r.itemCount.toLocaleString("en-US")}
            {waiting > 0 && <span className="faint small"> ({waiting} waiting)</span>}
          </span>
        );
      },
    },
    { id: "avgLatency", header: "Avg latency", enableSorting: true, sortDescFirst: true, meta: right, cell: ({ row }) => <span className="nowrap">{formatDuration(row.original.avgLatencyMs)}</span> },
    { id: "p95Latency", header: "p95 latency", enableSorting: true, sortDescFirst: true, meta: right, cell: ({ row }) => <span className="nowrap">{formatDuration(row.original.p95LatencyMs)}</span> },
    { id: "avgCost", header: "Avg cost", enableSorting: true, sortDescFirst: true, meta: right, cell: ({ row }) => <span className="nowrap">{formatCost(row.original.avgCost)}</span> },
    { id: "totalCost", header: "Total cost", enableSorting: true, sortDescFirst: true, meta: right, cell: ({ row }) => <span className="nowrap">{formatCost(row.original.totalCost)}</span> },
    ...scores.run.map(
      (name): DataTableColumn<RunListRow> => ({
        id: `run:${name}`,
        header: () => <span title={`Run-level score "${name}" (a score on the run itself)`}>{name} <span className="faint small">(run)</span></span>,
        enableSorting: true,
        sortDescFirst: true,
        meta: { ...right, label: `${name} (run)` },
        cell: ({ row }) => <RunScoreFigure score={row.original.runScores.find((s) => s.name === name)} />,
      }),
    ),
    ...scores.item.map(
      (name): DataTableColumn<RunListRow> => ({
        id: `item:${name}`,
        header: () => <span title={`Average of item score "${name}" over the run's items (booleans: share of true; categories: the most frequent)`}>{name} <span className="faint small">(avg)</span></span>,
        enableSorting: true,
        sortDescFirst: true,
        meta: { ...right, label: `${name} (avg)` },
        cell: ({ row }) => <ItemScoreFigure score={row.original.itemScores.find((s) => s.name === name)} />,
      }),
    ),
    { id: "createdAt", header: "Created", enableSorting: true, sortDescFirst: true, cell: ({ row }) => <span className="nowrap">{formatDate(row.original.createdAt)}</span> },
  ];
  if (canWrite) {
    cols.push({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { label: "Actions" },
      cell: ({ row }) => <DeleteRunButton projectId={projectId} datasetId={datasetId} run={row.original} />,
    });
  }
  return cols;
}
