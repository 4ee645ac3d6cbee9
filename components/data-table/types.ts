import type { ColumnDef, RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { SortState } from "./url-state";

declare module "@tanstack/react-table" {
  // Per-column display hints read by DataTable (TValue is required by the declaration merge).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Name in the column chooser when the header isn't a plain string. */
    label?: string;
    /** Right-align (numbers, costs, durations). */
    align?: "left" | "right";
    /** Allow the cell to wrap instead of truncating with an ellipsis. */
    wrap?: boolean;
    /** CSS width of the column, e.g. 120 or "20%". */
    width?: number | string;
    /** Hidden until the user turns it on in the column chooser. */
    defaultHidden?: boolean;
    className?: string;
  }
}

/**
 * A column for DataTable. Sorting is opt-in per column with `enableSorting: true` (the server must
 * whitelist the column id as a sort key); `sortDescFirst: true` for numbers and dates.
 */
// TValue is erased to `never` so columns built with createColumnHelper (any TValue) are assignable.
export type DataTableColumn<TData> = ColumnDef<TData, never>;

export interface BulkSelection {
  /** Selected row ids on this page (empty meaning "everything" when allMatching is true). */
  ids: string[];
  /** True when the user chose "select all N matching": act on the current filter server-side. */
  allMatching: boolean;
  /** How many rows the action would touch. */
  count: number;
  /** Clears the selection (call after the action succeeds); a notice ("Added 3 to …") stays in its place until the next selection. */
  clear: (notice?: string) => void;
}

export interface DataTableProps<TData> {
  /** Stable id for persisting column layout, e.g. "traces". */
  tableId: string;
  columns: readonly DataTableColumn<TData>[];
  /** The current page of rows. */
  data: readonly TData[];
  /** Rows matching the filter across all pages. */
  total: number;
  /** `total` is a lower bound (the server stopped counting there): shown as "10,000+". */
  totalCapped?: boolean;
  /** 1-based. */
  page: number;
  limit: number;
  /** The sort the server applied (so the header shows it, including a default sort). */
  sort: SortState | null;
  getRowId: (row: TData) => string;
  /** Makes rows clickable (middle/cmd-click opens a new tab). Return null for rows without a page. */
  rowHref?: (row: TData) => string | null;
  selectable?: boolean;
  /** Shown above the table while rows are selected. */
  bulkActions?: (selection: BulkSelection) => ReactNode;
  /** Left side of the toolbar: filters (SearchFilter/SelectFilter share the table's loading state). */
  toolbar?: ReactNode;
  /** Shown instead of rows when `data` is empty. */
  empty?: ReactNode;
  pageSizes?: readonly number[];
}
