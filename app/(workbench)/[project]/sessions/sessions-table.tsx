"use client";
// The sessions table's columns, filters and bulk "add to queue"; the server page passes plain rows.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { ClearFilters, SearchFilter, SelectFilter, TimeRangeFilter } from "@/components/data-table/url-filters";
import type { SortState } from "@/components/data-table/url-state";
import { QueuePicker } from "@/components/annotate/queue-picker";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { addItemsToQueue, addMatchingSessionsToQueue } from "@/lib/queues/actions";
import type { SessionListRow } from "@/lib/sessions/schemas";
import { formatScore } from "@/lib/query/scores";
import { SESSION_FILTER_PARAMS } from "@/lib/sessions/filter";

function columns(projectId: string): DataTableColumn<SessionListRow>[] {
  return [
    {
      id: "id",
      header: "Session",
      cell: ({ row }) => (
        <span className="row gap-1">
          {row.original.bookmarked && (
            <span title="Bookmarked" aria-label="Bookmarked">
              ★
            </span>
          )}
          <Link className="link mono ellipsis" href={`/${projectId}/sessions/${encodeURIComponent(row.original.id)}`}>
            {row.original.id}
          </Link>
        </span>
      ),
      meta: { width: 220 },
    },
    { id: "timestamp", header: "Started", enableSorting: true, sortDescFirst: true, cell: ({ row }) => <span className="nowrap">{formatDate(row.original.firstTimestamp)}</span> },
    { id: "lastActivity", header: "Last trace", enableSorting: true, sortDescFirst: true, cell: ({ row }) => <span className="nowrap">{formatDate(row.original.lastTimestamp)}</span>, meta: { defaultHidden: true } },
    { id: "duration", header: "Duration", enableSorting: true, sortDescFirst: true, cell: ({ row }) => formatDuration(row.original.durationMs), meta: { align: "right" } },
    { id: "traces", header: "Traces", enableSorting: true, sortDescFirst: true, cell: ({ row }) => row.original.traceCount, meta: { align: "right" } },
    {
      id: "users",
      header: "Users",
      cell: ({ row }) => <span className="ellipsis" title={row.original.userIds.join(", ")}>{row.original.userIds.join(", ") || <span className="faint">—</span>}</span>,
    },
    { id: "environment", header: "Environment", cell: ({ row }) => row.original.environments.join(", "), meta: { defaultHidden: true } },
    { id: "cost", header: "Cost", enableSorting: true, sortDescFirst: true, cell: ({ row }) => formatCost(row.original.totalCost), meta: { align: "right" } },
    { id: "tokens", header: "Tokens", enableSorting: true, sortDescFirst: true, cell: ({ row }) => formatTokens(row.original.totalTokens), meta: { align: "right" } },
    {
      id: "errors",
      header: "Errors",
      enableSorting: true,
      sortDescFirst: true,
      cell: ({ row }) => (row.original.errorCount ? <Badge tone="error">{row.original.errorCount}</Badge> : <span className="faint">0</span>),
      meta: { align: "right" },
    },
    {
      id: "scores",
      header: "Scores",
      cell: ({ row }) => (
        <span className="row gap-1 nowrap">
          {Object.entries(row.original.scores).map(([name, v]) => (
            <Badge key={name} title={`${name}: ${v}`}>
              {name}: {formatScore(v, 2)}
            </Badge>
          ))}
        </span>
      ),
    },
  ];
}

export function SessionsTable(props: {
  projectId: string;
  rows: SessionListRow[];
  total: number;
  page: number;
  limit: number;
  sort: SortState | null;
  environments: string[];
  queues: { id: string; name: string }[];
  canAnnotate: boolean;
  filtered: boolean;
}) {
  const { projectId } = props;
  const search = useSearchParams()?.toString() ?? "";
  return (
    <DataTable
      tableId="sessions"
      columns={columns(projectId)}
      data={props.rows}
      total={props.total}
      page={props.page}
      limit={props.limit}
      sort={props.sort}
      getRowId={(r) => r.id}
      rowHref={(r) => `/${projectId}/sessions/${encodeURIComponent(r.id)}`}
      selectable={props.canAnnotate}
      bulkActions={(sel) => (
        <QueuePicker
          projectId={projectId}
          queues={props.queues}
          label={`Add ${sel.count} to queue`}
          // The selection stays after adding, so the picker's "Added N" message stays visible.
          onAdd={(queueId) => (sel.allMatching ? addMatchingSessionsToQueue({ projectId, queueId, search }) : addItemsToQueue({ projectId, queueId, objectType: "SESSION", objectIds: sel.ids }))}
        />
      )}
      toolbar={
        <div className="filters row gap-2 wrap">
          <SearchFilter param="q" placeholder="Session id…" label="Search session id" />
          <SearchFilter param="userId" placeholder="User id" label="User id" />
          <TimeRangeFilter />
          <SelectFilter param="environment" label="Environment" allLabel="All environments" options={props.environments.map((e) => ({ value: e, label: e }))} />
          <SelectFilter param="errors" label="Errors" allLabel="With or without errors" options={[{ value: "true", label: "With errors" }, { value: "false", label: "Without errors" }]} />
          <SelectFilter param="bookmarked" label="Bookmarked" allLabel="All sessions" options={[{ value: "true", label: "Bookmarked" }, { value: "false", label: "Not bookmarked" }]} />
          <ClearFilters params={SESSION_FILTER_PARAMS} />
        </div>
      }
      empty={
        props.filtered ? (
          <EmptyState title="No sessions match" description="Nothing matches these filters. Widen the time range or clear the filters." />
        ) : (
          <EmptyState
            title="No sessions yet"
            description={
              <>
                Sessions group the traces that share a <code className="mono">sessionId</code>. Set one when you send traces (e.g. <code className="mono">langfuse.trace(&#123; sessionId &#125;)</code> or the <code className="mono">session.id</code> attribute) and each conversation shows up here.
              </>
            }
          />
        )
      }
    />
  );
}
