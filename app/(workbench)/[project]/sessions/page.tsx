import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readTableState } from "@/components/data-table/url-state";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { projectAccess } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listQueueOptions } from "@/lib/queues/queries";
import { sessionEnvironments, sessionsPage } from "@/lib/sessions/queries";
import { PAGE_SIZES } from "@/lib/query/page";
import { parseSessionView } from "@/lib/sessions/filter";
import { SESSION_SORT_COLUMNS, type SessionSortColumn } from "@/lib/sessions/schemas";
import { SessionsTable } from "./sessions-table";

export const metadata: Metadata = { title: "Sessions" };

type Search = Record<string, string | string[] | undefined>;

export default async function SessionsPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<Search> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const sp = await searchParams;
  const state = readTableState(sp, {
    sortable: SESSION_SORT_COLUMNS,
    defaultSort: { id: "timestamp", desc: true },
    pageSizes: PAGE_SIZES,
  });
  // The one codec and time ranges (as the traces table): a bad value drops only its own condition.
  const { filter, issues, filtered } = parseSessionView(sp);
  const sort = state.sort ? { column: state.sort.id as SessionSortColumn, dir: state.sort.desc ? ("desc" as const) : ("asc" as const) } : undefined;
  const [{ rows, total }, environments, queues] = await Promise.all([
    sessionsPage(project, { filter, sort, page: state.page, limit: state.limit }),
    sessionEnvironments(project),
    listQueueOptions(project),
  ]);
  return (
    <div className="page">
      <PageHeader title="Sessions" description="Conversations: the traces that share a session id, with their combined cost, tokens, errors and scores." />
      {issues.length > 0 && (
        <Alert tone="warning" title="Some filters were ignored">
          {issues.map((i) => `${i.param}: ${i.message}`).join(" · ")}
        </Alert>
      )}
      <SessionsTable
        projectId={project}
        rows={rows}
        total={total}
        page={state.page}
        limit={state.limit}
        sort={state.sort}
        environments={environments}
        queues={queues}
        canAnnotate={can(access.role, "annotate")}
        filtered={filtered}
      />
    </div>
  );
}
