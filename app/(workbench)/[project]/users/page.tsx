import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readTableState } from "@/components/data-table/url-state";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { projectAccess } from "@/lib/auth/session";
import { PAGE_SIZES } from "@/lib/query/page";
import { parseUserView } from "@/lib/users/filter";
import { usersPage } from "@/lib/users/queries";
import { USER_SORT_COLUMNS, type UserSortColumn } from "@/lib/users/schemas";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

type Search = Record<string, string | string[] | undefined>;

export default async function UsersPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<Search> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const sp = await searchParams;
  const state = readTableState(sp, { sortable: USER_SORT_COLUMNS, defaultSort: { id: "lastSeen", desc: true }, pageSizes: PAGE_SIZES });
  const { filter, issues, filtered } = parseUserView(sp);
  const sort = state.sort ? { column: state.sort.id as UserSortColumn, dir: state.sort.desc ? ("desc" as const) : ("asc" as const) } : undefined;
  const { rows, total } = await usersPage(project, { filter, sort, page: state.page, limit: state.limit });
  return (
    <div className="page">
      <PageHeader
        title="Users"
        description="The end users of your application: every user id your traces carry, with their traces, sessions, cost and tokens in the time range."
      />
      {issues.length > 0 && (
        <Alert tone="warning" title="Some filters were ignored">
          {issues.map((i) => `${i.param}: ${i.message}`).join(" · ")}
        </Alert>
      )}
      <UsersTable projectId={project} rows={rows} total={total} page={state.page} limit={state.limit} sort={state.sort} filtered={filtered} />
    </div>
  );
}
