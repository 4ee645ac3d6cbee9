"use client";
// The users table's columns and filters around the shared DataTable; the server page passes plain rows.
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { ClearFilters, SearchFilter, TimeRangeFilter } from "@/components/data-table/url-filters";
import type { SortState } from "@/components/data-table/url-state";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCost, formatDate, formatTokens } from "@/components/ui/format";
import { USER_FILTER_PARAMS } from "@/lib/users/filter";
import type { UserListRow } from "@/lib/users/schemas";

export const userHref = (projectId: string, userId: string) => `/${encodeURIComponent(projectId)}/users/${encodeURIComponent(userId)}`;

function columns(projectId: string): DataTableColumn<UserListRow>[] {
  const num = { enableSorting: true, sortDescFirst: true, meta: { align: "right" as const, width: 100 } };
  return [
    {
      id: "userId",
      header: "User",
      enableSorting: true,
      meta: { width: 260 },
      cell: ({ row }) => (
        <Link className="link mono ellipsis" href={userHref(projectId, row.original.userId)} title={row.original.userId}>
          {row.original.userId}
        </Link>
      ),
    },
    { id: "traces", header: "Traces", ...num, cell: ({ row }) => formatTokens(row.original.traceCount) },
    { id: "sessions", header: "Sessions", ...num, cell: ({ row }) => formatTokens(row.original.sessionCount) },
    { id: "cost", header: "Total cost", ...num, cell: ({ row }) => formatCost(row.original.totalCost) },
    { id: "tokens", header: "Total tokens", ...num, cell: ({ row }) => formatTokens(row.original.totalTokens) },
    { id: "firstSeen", header: "First seen", enableSorting: true, sortDescFirst: true, cell: ({ row }) => <span className="nowrap">{formatDate(row.original.firstSeen)}</span> },
    { id: "lastSeen", header: "Last seen", enableSorting: true, sortDescFirst: true, cell: ({ row }) => <span className="nowrap">{formatDate(row.original.lastSeen)}</span> },
  ];
}

export function UsersTable(props: { projectId: string; rows: UserListRow[]; total: number; page: number; limit: number; sort: SortState | null; filtered: boolean }) {
  const { projectId } = props;
  return (
    <DataTable
      tableId="users"
      columns={columns(projectId)}
      data={props.rows}
      total={props.total}
      page={props.page}
      limit={props.limit}
      sort={props.sort}
      getRowId={(r) => r.userId}
      rowHref={(r) => userHref(projectId, r.userId)}
      toolbar={
        <div className="filters row gap-2 wrap">
          <SearchFilter param="q" placeholder="User id…" label="Search user id" />
          <TimeRangeFilter />
          <ClearFilters params={USER_FILTER_PARAMS} />
        </div>
      }
      empty={
        props.filtered ? (
          <EmptyState title="No users match" description="No trace in this range carries a matching user id. Widen the time range or clear the search." />
        ) : (
          <EmptyState
            title="No users yet"
            description={
              <>
                Users are the <code className="mono">userId</code>s your traces carry. Set one when you send traces: <code className="mono">userId</code> on a Langfuse trace (e.g.{" "}
                <code className="mono">langfuse.trace(&#123; userId &#125;)</code> or <code className="mono">updateActiveTrace(&#123; userId &#125;)</code>), or the OpenTelemetry span
                attribute <code className="mono">user.id</code> / <code className="mono">langfuse.user.id</code>. Each user then shows up here with their traces, sessions and cost.
              </>
            }
          />
        )
      }
    />
  );
}
