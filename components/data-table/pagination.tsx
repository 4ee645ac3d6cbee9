"use client";

import { Button } from "@/components/ui/button";
import { formatTokens } from "@/components/ui/format";
import { pageStatus } from "./url-state";

export interface PaginationProps {
  total: number;
  /** `total` is a lower bound: more pages may follow the last counted one. */
  totalCapped?: boolean;
  /** Rows on the current page (with a capped total, a full page means there may be a next one). */
  rowsOnPage?: number;
  page: number;
  limit: number;
  pageSizes: readonly number[];
  onPage: (page: number) => void;
  onLimit: (limit: number) => void;
  disabled?: boolean;
}

export function Pagination({ total, totalCapped = false, rowsOnPage, page, limit, pageSizes, onPage, onLimit, disabled }: PaginationProps) {
  const status = pageStatus({ total, totalCapped, rowsOnPage, page, limit });
  const { pages } = status;
  const plus = totalCapped ? "+" : "";
  const from = total === 0 ? 0 : (page - 1) * limit + 1;
  const to = totalCapped ? (page - 1) * limit + (rowsOnPage ?? limit) : Math.min(total, page * limit);
  const shown = totalCapped ? Math.max(total, to) : total;
  const sizes = pageSizes.includes(limit) ? pageSizes : [...pageSizes, limit].sort((a, b) => a - b);
  return (
    <div className="table-foot">
      <span>
        {from > to ? "No rows on this page" : `${formatTokens(from)}–${formatTokens(to)}`} of <strong>{formatTokens(shown)}{plus}</strong>
      </span>
      <span className="spacer" />
      <label className="row gap-1">
        Rows per page
        <select className="select input-sm" style={{ width: 72 }} value={limit} disabled={disabled} onChange={(e) => onLimit(Number(e.target.value))}>
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <span aria-live="polite">{status.label}</span>
      {status.pastEnd && (
        <Button size="sm" disabled={disabled} onClick={() => onPage(status.lastPage)}>
          Go to page {formatTokens(status.lastPage)}
        </Button>
      )}
      <div className="pager">
        <Button size="sm" icon aria-label="First page" disabled={disabled || page <= 1} onClick={() => onPage(1)}>
          «
        </Button>
        <Button size="sm" icon aria-label="Previous page" disabled={disabled || page <= 1} onClick={() => onPage(status.pastEnd ? status.lastPage : page - 1)}>
          ‹
        </Button>
        <Button size="sm" icon aria-label="Next page" disabled={disabled || page >= pages} onClick={() => onPage(page + 1)}>
          ›
        </Button>
        <Button size="sm" icon aria-label="Last page" disabled={disabled || page >= pages || totalCapped} onClick={() => onPage(pages)}>
          »
        </Button>
      </div>
    </div>
  );
}
