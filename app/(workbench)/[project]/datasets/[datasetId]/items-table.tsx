"use client";
// A dataset's items: the one DataTable with server-side paging, the filter in
// the URL (search over input and expected output, status, origin), previews
// as text.
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { ClearFilters, SearchFilter, SelectFilter } from "@/components/data-table/url-filters";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { ITEM_FILTER_PARAMS, type ItemRowView } from "@/lib/datasets/schemas";
import { ORIGIN_LABEL, sourceHref } from "../item-links";

const Preview = ({ text }: { text: string | null }) => (text === null ? <span className="faint">—</span> : <span className="ellipsis mono small" title={text}>{text}</span>);

function columns(projectId: string, itemHref: (id: string) => string): DataTableColumn<ItemRowView>[] {
  return [
    {
      id: "id",
      header: "Id",
      meta: { width: 130 },
      cell: ({ row }) => (
        <Link className="link mono ellipsis small" href={itemHref(row.original.id)} title={row.original.id}>
          {row.original.id}
        </Link>
      ),
    },
    { id: "input", header: "Input", meta: { width: 240 }, cell: ({ row }) => <Preview text={row.original.inputPreview} /> },
    { id: "expectedOutput", header: "Expected output", meta: { width: 200 }, cell: ({ row }) => <Preview text={row.original.expectedOutputPreview} /> },
    { id: "metadata", header: "Metadata", meta: { width: 140 }, cell: ({ row }) => <Preview text={row.original.metadataPreview} /> },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => (row.original.status === "ARCHIVED" ? <Badge tone="warning">archived</Badge> : <Badge tone="success">active</Badge>),
    },
    {
      id: "source",
      header: "Source",
      meta: { width: 160 },
      cell: ({ row }) => {
        const r = row.original;
        return (
          <span className="col">
            <span className="small muted">{ORIGIN_LABEL[r.origin]}</span>
            {r.sourceTraceId && (
              <Link className="link mono small ellipsis" href={sourceHref(projectId, r.sourceTraceId, r.sourceObservationId)} title={r.sourceObservationId ? `observation ${r.sourceObservationId} of trace ${r.sourceTraceId}` : `trace ${r.sourceTraceId}`}>
                {r.sourceObservationId ? `obs ${r.sourceObservationId}` : `trace ${r.sourceTraceId}`}
              </Link>
            )}
          </span>
        );
      },
    },
    { id: "updatedAt", header: "Updated", cell: ({ row }) => <span className="nowrap">{formatDate(row.original.updatedAt)}</span> },
  ];
}

export function ItemsTable(props: {
  projectId: string;
  datasetId: string;
  rows: ItemRowView[];
  total: number;
  totalCapped: boolean;
  page: number;
  limit: number;
  filtered: boolean;
  canWrite: boolean;
  archivedCount: number;
}) {
  const { projectId, datasetId } = props;
  const itemHref = (id: string) => `/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}/items/${encodeURIComponent(id)}`;
  return (
    <DataTable
      tableId="dataset-items"
      columns={columns(projectId, itemHref)}
      data={props.rows}
      total={props.total}
      totalCapped={props.totalCapped}
      page={props.page}
      limit={props.limit}
      sort={null}
      getRowId={(r) => r.id}
      rowHref={(r) => itemHref(r.id)}
      toolbar={
        <div className="filters row gap-2 wrap">
          <SearchFilter param="q" placeholder="Search items…" label="Search input and expected output" />
          <SelectFilter
            param="status"
            label="Status"
            allLabel="Active"
            options={[
              { value: "archived", label: "Archived" },
              { value: "all", label: "Active and archived" },
            ]}
          />
          <SelectFilter param="origin" label="Origin" allLabel="Any origin" options={Object.entries(ORIGIN_LABEL).map(([v, label]) => ({ value: v.toLowerCase(), label }))} />
          <ClearFilters params={ITEM_FILTER_PARAMS} />
        </div>
      }
      empty={
        props.filtered ? (
          <EmptyState
            title="No items match"
            description={<span className="ds-wrap">{props.archivedCount > 0 ? "Nothing matches these filters. Clear them, or include archived items." : "Nothing matches these filters. Clear them to see every item."}</span>}
          />
        ) : (
          <EmptyState
            title="No items yet"
            description={
              props.canWrite ? (
                <span className="ds-wrap">
                  Add one by hand (“Add item”), import a JSONL or CSV file, or promote traces: select them in the <Link className="link" href={`/${encodeURIComponent(projectId)}/traces`}>traces table</Link> and choose “Add to dataset”.
                  {props.archivedCount > 0 ? " Archived items are hidden: pick “Archived” in the status filter." : ""}
                </span>
              ) : (
                "Members add items by hand, by import, or by promoting traces."
              )
            }
          />
        )
      }
    />
  );
}
