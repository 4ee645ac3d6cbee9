"use client";
// A dataset's runs: the one DataTable, sorted on the server (sort in the URL),
// rows selectable to compare: "Compare selected" opens the compare view with
// the oldest selected run as the baseline.
import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { SortState } from "@/components/data-table/url-state";
import { ButtonLink } from "@/components/ui/button";
import type { RunListRow } from "@/lib/experiments/run-list";
import { runsColumns, type RunScoreColumns } from "./runs-columns";

/** The compare view's URL for some runs: oldest first, the oldest the baseline. */
export function compareHref(datasetHref: string, runs: readonly Pick<RunListRow, "id" | "createdAt">[]): string {
  const ordered = [...runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const q = new URLSearchParams({ runs: ordered.map((r) => r.id).join(","), baseline: ordered[0]?.id ?? "" });
  return `${datasetHref}/compare?${q.toString().replace(/%2C/g, ",")}`;
}

export function RunsTable(props: {
  projectId: string;
  datasetId: string;
  rows: RunListRow[];
  total: number;
  page: number;
  limit: number;
  sort: SortState;
  scores: RunScoreColumns;
  canWrite: boolean;
  empty: ReactNode;
}) {
  const { projectId, datasetId, rows } = props;
  const datasetHref = `/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}`;
  const runHref = (id: string) => `${datasetHref}/runs/${encodeURIComponent(id)}`;
  return (
    <DataTable
      tableId="dataset-runs"
      columns={runsColumns({ projectId, datasetId, runHref, scores: props.scores, canWrite: props.canWrite })}
      data={rows}
      total={props.total}
      page={props.page}
      limit={props.limit}
      sort={props.sort}
      getRowId={(r) => r.id}
      rowHref={(r) => runHref(r.id)}
      selectable
      bulkActions={(sel) => {
        // "All matching" means every run on every page: compare the ones on this page (a compare of hundreds is unreadable).
        const chosen = sel.allMatching ? rows : rows.filter((r) => sel.ids.includes(r.id));
        return chosen.length >= 2 ? (
          <ButtonLink size="sm" variant="primary" href={compareHref(datasetHref, chosen)}>
            Compare {chosen.length} runs
          </ButtonLink>
        ) : (
          <span className="muted small">Select one more run to compare.</span>
        );
      }}
      empty={props.empty}
    />
  );
}
