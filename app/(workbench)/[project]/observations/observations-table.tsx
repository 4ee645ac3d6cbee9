"use client";
// The observations list: the one data-table wrapper, filters in the URL, and
// "Add to dataset" for the rows ticked or everything matching the filter.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { DataTable, type BulkSelection, type DataTableColumn } from "@/components/data-table/data-table";
import { ClearFilters, SearchFilter, SelectFilter, TimeRangeFilter } from "@/components/data-table/url-filters";
import { PromoteDialog } from "@/components/promote/promote-dialog";
import { TypeBadge } from "@/components/trace/type-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { LEVELS, OBSERVATION_TYPES, type ObservationType } from "@/lib/ingest/events";
import { OBSERVATION_FILTER_PARAMS, type ObservationListRow } from "@/lib/observations/view";

const href = (projectId: string, r: ObservationListRow) => `/${encodeURIComponent(projectId)}/traces/${encodeURIComponent(r.traceId)}?observation=${encodeURIComponent(r.id)}`;

function columns(projectId: string): DataTableColumn<ObservationListRow>[] {
  return [
    { id: "startTime", header: "Start", cell: ({ row }) => <span className="nowrap mono small">{formatDate(row.original.startTime)}</span>, meta: { width: 170 } },
    { id: "type", header: "Type", cell: ({ row }) => <TypeBadge type={row.original.type as ObservationType} />, meta: { width: 90 } },
    {
      id: "name",
      header: "Name",
      cell: ({ row }) => (
        <Link className="link ellipsis" href={href(projectId, row.original)}>
          {row.original.name ?? <span className="faint">(unnamed)</span>}
        </Link>
      ),
    },
    { id: "model", header: "Model", cell: ({ row }) => <span className="mono small ellipsis">{row.original.model ?? ""}</span> },
    {
      id: "level",
      header: "Level",
      cell: ({ row }) =>
        row.original.level === "ERROR" ? <Badge tone="error">error</Badge> : row.original.level === "WARNING" ? <Badge tone="warning">warning</Badge> : <span className="faint small">{row.original.level.toLowerCase()}</span>,
    },
    { id: "latency", header: "Latency", cell: ({ row }) => formatDuration(row.original.latencyMs), meta: { align: "right" } },
    { id: "tokens", header: "Tokens", cell: ({ row }) => formatTokens(row.original.totalTokens), meta: { align: "right" } },
    { id: "cost", header: "Cost", cell: ({ row }) => formatCost(row.original.totalCost), meta: { align: "right" } },
    { id: "trace", header: "Trace", cell: ({ row }) => <span className="mono small ellipsis">{row.original.traceId}</span>, meta: { defaultHidden: true } },
  ];
}

function BulkPromote({ projectId, selection, rows, datasets }: { projectId: string; selection: BulkSelection; rows: ObservationListRow[]; datasets: { id: string; name: string }[] }) {
  const view = useSearchParams()?.toString() ?? "";
  const [open, setOpen] = useState(false);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const target = selection.allMatching
    ? { kind: "observations" as const, view, count: selection.count }
    : { kind: "sources" as const, sources: selection.ids.flatMap((id) => (byId.has(id) ? [{ traceId: byId.get(id)!.traceId, observationId: id }] : [])) };
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Add to dataset
      </Button>
      {open && <PromoteDialog projectId={projectId} datasets={datasets} target={target} open onOpenChange={setOpen} />}
    </>
  );
}

export function ObservationsTable(props: {
  projectId: string;
  rows: ObservationListRow[];
  total: number;
  totalCapped: boolean;
  page: number;
  limit: number;
  datasets: { id: string; name: string }[];
  canAnnotate: boolean;
  filtered: boolean;
}) {
  const { projectId } = props;
  return (
    <DataTable
      tableId="observations"
      columns={columns(projectId)}
      data={props.rows}
      total={props.total}
      totalCapped={props.totalCapped}
      page={props.page}
      limit={props.limit}
      sort={null}
      getRowId={(r) => r.id}
      rowHref={(r) => href(projectId, r)}
      selectable={props.canAnnotate}
      bulkActions={(sel) => <BulkPromote projectId={projectId} selection={sel} rows={props.rows} datasets={props.datasets} />}
      toolbar={
        <div className="filters row gap-2 wrap">
          <SelectFilter param="type" label="Type" allLabel="All types" options={OBSERVATION_TYPES.map((t) => ({ value: t, label: t.toLowerCase() }))} />
          <SearchFilter param="name" placeholder="Name" label="Observation name" />
          <SearchFilter param="model" placeholder="Model starts with…" label="Model" />
          <SelectFilter param="level" label="Level" allLabel="All levels" options={LEVELS.map((l) => ({ value: l, label: l.toLowerCase() }))} />
          <TimeRangeFilter />
          <ClearFilters params={OBSERVATION_FILTER_PARAMS} />
        </div>
      }
      empty={
        props.filtered ? (
          <EmptyState title="No observations match" description="Nothing matches these filters. Widen the time range or clear the filters." />
        ) : (
          <EmptyState title="No observations yet" description="Observations are the spans, generations and events inside traces. Send traces with an SDK or an OpenTelemetry exporter and they appear here." />
        )
      }
    />
  );
}
