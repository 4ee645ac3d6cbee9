// The items table's filter as the URL holds it (q, status = active | archived
// | all, origin): one reading for the table and for the export links, so an
// export is exactly what the table shows. Pure.
import { ITEM_ORIGINS, ITEM_STATUS_FILTERS, type ItemOrigin, type ItemStatus, type ItemStatusFilter } from "./schemas";

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The items table's filter from the URL: unknown values fall back (status to active, origin to any). */
export function readItemFilter(sp: Search): { search?: string; statusFilter: ItemStatusFilter; status?: ItemStatus; origin?: ItemOrigin } {
  const rawStatus = first(sp.status).toLowerCase();
  const statusFilter = (ITEM_STATUS_FILTERS as readonly string[]).includes(rawStatus) ? (rawStatus as ItemStatusFilter) : "active";
  const rawOrigin = first(sp.origin).toUpperCase();
  const search = first(sp.q).trim().slice(0, 500);
  return {
    search: search || undefined,
    statusFilter,
    status: statusFilter === "all" ? undefined : statusFilter === "archived" ? "ARCHIVED" : "ACTIVE",
    origin: (ITEM_ORIGINS as readonly string[]).includes(rawOrigin) ? (rawOrigin as ItemOrigin) : undefined,
  };
}

