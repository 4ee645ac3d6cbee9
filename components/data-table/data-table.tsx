"use client";

// The one table wrapper. Everything is server-side: sort, page and page size live in the URL
// and the server page re-renders with new rows; this component only draws them and edits the URL.
// Column layout is a per-user preference kept in localStorage (see column-prefs.ts).
//
// Columns hold functions, so a screen wraps DataTable in its own "use client" file
// (e.g. traces-table.tsx with its columns) and the server page renders that with plain data.

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type VisibilityState,
} from "@tanstack/react-table";
import { useSearchParams } from "next/navigation";
import { useMemo, useState, type MouseEvent } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { formatTokens } from "@/components/ui/format";
import { cx } from "@/components/ui/cx";
import { Checkbox } from "./checkbox";
import { ColumnChooser } from "./column-chooser";
import { mergeOrder, resolveColumnId, useColumnPrefs } from "./column-prefs";
import { Pagination } from "./pagination";
import type { BulkSelection, DataTableProps } from "./types";
import { UrlNavContext, useUrlNavState } from "./use-url-nav";
import { PAGE_SIZES, formatSort, nextSort } from "./url-state";

export type { BulkSelection, DataTableColumn, DataTableProps } from "./types";

interface Selection {
  /** The query string the selection was made under; a new page/filter/sort starts empty. */
  scope: string;
  ids: ReadonlySet<string>;
  allMatching: boolean;
}

const INTERACTIVE = "a,button,input,select,textarea,label,summary,[role=button]";

export function DataTable<TData>(props: DataTableProps<TData>) {
  const { tableId, columns, data, total, totalCapped = false, page, limit, sort, getRowId, rowHref, selectable = false, bulkActions, toolbar, empty } = props;
  const pageSizes = props.pageSizes ?? PAGE_SIZES;
  const nav = useUrlNavState();
  const scope = useSearchParams()?.toString() ?? "";
  const [prefs, savePrefs] = useColumnPrefs(tableId);

  // Flat columns only (no header groups): the layout prefs are a list of leaf ids.
  const leafIds = useMemo(() => columns.map((c, i) => resolveColumnId(c as { id?: string; accessorKey?: unknown; header?: unknown }, i)), [columns]);
  const order = useMemo(() => mergeOrder(prefs.order, leafIds), [prefs.order, leafIds]);
  const visibility = useMemo(() => {
    const v: VisibilityState = {};
    columns.forEach((c, i) => {
      if (c.meta?.defaultHidden) v[leafIds[i]] = false;
    });
    return { ...v, ...prefs.visibility };
  }, [columns, leafIds, prefs.visibility]);

  const table = useReactTable<TData>({
    data: data as TData[],
    columns: columns as ColumnDef<TData, never>[],
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => getRowId(row),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    rowCount: total,
    state: { columnOrder: order, columnVisibility: visibility },
    enableSorting: false, // headers sort through the URL, not TanStack's row model
  });

  const [selection, setSelection] = useState<Selection>({ scope, ids: new Set(), allMatching: false });
  const sel: Selection = selection.scope === scope ? selection : { scope, ids: new Set(), allMatching: false };
  const pageIds = table.getRowModel().rows.map((r) => r.id);
  const selectedOnPage = pageIds.filter((id) => sel.allMatching || sel.ids.has(id));
  const allPageSelected = pageIds.length > 0 && selectedOnPage.length === pageIds.length;
  // What the last bulk action did: the bar vanishes with the selection, so its result is shown in its place.
  const [notice, setNotice] = useState<{ scope: string; text: string } | null>(null);
  const setIds = (ids: Set<string>, allMatching = false) => {
    setSelection({ scope, ids, allMatching });
    if (ids.size || allMatching) setNotice(null);
  };
  const clear = (text?: string) => {
    setSelection({ scope, ids: new Set(), allMatching: false });
    setNotice(text ? { scope, text } : null);
  };
  const toggleRow = (id: string) => {
    const ids = new Set(sel.allMatching ? pageIds : sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    setIds(ids);
  };
  const bulk: BulkSelection = {
    ids: sel.allMatching ? [] : selectedOnPage,
    allMatching: sel.allMatching,
    count: sel.allMatching ? total : selectedOnPage.length,
    clear,
  };

  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, href: string | null) => {
    if (!href || (e.target as Element).closest(INTERACTIVE)) return;
    if (window.getSelection()?.toString()) return; // the user was selecting text to copy
    if (e.metaKey || e.ctrlKey || e.button === 1) window.open(href, "_blank", "noopener");
    else nav.go(href);
  };

  const visibleCols = table.getVisibleLeafColumns();
  const colSpan = visibleCols.length + (selectable ? 1 : 0);

  return (
    <UrlNavContext.Provider value={nav}>
      <div className={cx("dt", nav.pending && "is-loading")} aria-busy={nav.pending}>
        <div className="toolbar">
          {toolbar}
          <span className="spacer" />
          {nav.pending && <span className="spinner" aria-label="Loading" />}
          <span className="muted small">{formatTokens(total)}{totalCapped ? "+" : ""} total</span>
          <ColumnChooser columns={table.getAllLeafColumns().slice().sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))} order={order} prefs={prefs} onChange={savePrefs} />
        </div>
        {selectable && bulk.count > 0 && bulkActions && (
          <div className="toolbar" role="region" aria-label="Bulk actions">
            <span className="strong">{formatTokens(bulk.count)} selected</span>
            {bulkActions(bulk)}
            <button type="button" className="link" onClick={() => clear()}>
              Clear selection
            </button>
          </div>
        )}
        {selectable && bulk.count === 0 && notice && notice.scope === scope && (
          <div className="toolbar" role="status" aria-label="Bulk action result">
            <span>{notice.text}</span>
            <button type="button" className="link" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        <div className="table-wrap">
          {nav.pending && <div className="progress" style={{ position: "sticky", top: 0, zIndex: 3 }} />}
          {selectable && allPageSelected && total > pageIds.length && (
            <div className="table-banner">
              {sel.allMatching ? (
                <>
                  All {formatTokens(total)}{totalCapped ? "+" : ""} rows matching the filter are selected.
                  <button type="button" className="link" onClick={() => clear()}>
                    Clear selection
                  </button>
                </>
              ) : (
                <>
                  All {pageIds.length} rows on this page are selected.
                  <button type="button" className="link" onClick={() => setIds(new Set(pageIds), true)}>
                    Select all {formatTokens(total)}{totalCapped ? "+" : ""} matching the filter
                  </button>
                </>
              )}
            </div>
          )}
          <table className="table">
            <thead>
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {selectable && (
                    <th className="sel">
                      <Checkbox
                        aria-label="Select all rows on this page"
                        checked={allPageSelected}
                        indeterminate={selectedOnPage.length > 0 && !allPageSelected}
                        disabled={pageIds.length === 0}
                        onChange={() => setIds(allPageSelected ? new Set() : new Set(pageIds))}
                      />
                    </th>
                  )}
                  {hg.headers.map((header) => {
                    const def = header.column.columnDef;
                    const sortable = def.enableSorting === true && !header.isPlaceholder;
                    const active = sort?.id === header.column.id ? sort : null;
                    const onSort = () => nav.setParams({ sort: formatSort(nextSort(sort, header.column.id, def.sortDescFirst === true)) });
                    return (
                      <th
                        key={header.id}
                        colSpan={header.colSpan}
                        className={cx(sortable && "sortable", def.meta?.align === "right" && "num", def.meta?.className)}
                        style={def.meta?.width !== undefined ? { width: def.meta.width } : undefined}
                        aria-sort={active ? (active.desc ? "descending" : "ascending") : sortable ? "none" : undefined}
                        tabIndex={sortable ? 0 : undefined}
                        onClick={sortable ? onSort : undefined}
                        onKeyDown={sortable ? (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onSort()) : undefined}
                      >
                        {header.isPlaceholder ? null : flexRender(def.header, header.getContext())}
                        {sortable && (
                          <span className="sort-ind" aria-hidden>
                            {active ? (active.desc ? "▼" : "▲") : ""}
                          </span>
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {data.length === 0 ? (
                <tr>
                  <td colSpan={colSpan} style={{ maxWidth: "none" }}>
                    {empty ?? <EmptyState title="No results" description="Nothing matches the current filters. Try widening them." />}
                  </td>
                </tr>
              ) : (
                table.getRowModel().rows.map((row) => {
                  const href = rowHref?.(row.original) ?? null;
                  const checked = sel.allMatching || sel.ids.has(row.id);
                  return (
                    <tr
                      key={row.id}
                      className={cx(href && "is-link", checked && "is-selected")}
                      onClick={href ? (e) => onRowClick(e, href) : undefined}
                      onAuxClick={href ? (e) => e.button === 1 && onRowClick(e, href) : undefined}
                    >
                      {selectable && (
                        <td className="sel">
                          <Checkbox aria-label="Select row" checked={checked} onChange={() => toggleRow(row.id)} />
                        </td>
                      )}
                      {row.getVisibleCells().map((cell) => {
                        const meta = cell.column.columnDef.meta;
                        return (
                          <td key={cell.id} className={cx(meta?.align === "right" && "num", meta?.wrap && "wrap-cell", meta?.className)}>
                            {/* A numeric width also caps the cell (a clipping box: table cells ignore max-width), so one long value cannot widen the table. */}
                            {typeof meta?.width === "number" && !meta.wrap ? (
                              <div className="cell-clip" style={{ maxWidth: meta.width - 20 }}>
                                {flexRender(cell.column.columnDef.cell, cell.getContext())}
                              </div>
                            ) : (
                              flexRender(cell.column.columnDef.cell, cell.getContext())
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
        <Pagination
          total={total}
          totalCapped={totalCapped}
          rowsOnPage={data.length}
          page={page}
          limit={limit}
          pageSizes={pageSizes}
          disabled={nav.pending}
          onPage={(p) => nav.setParams({ page: p })}
          onLimit={(l) => nav.setParams({ limit: l })}
        />
      </div>
    </UrlNavContext.Provider>
  );
}
