import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readTableState } from "@/components/data-table/url-state";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { projectAccess } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { listQueueOptions } from "@/lib/queues/queries";
import { sessionEnvironments, sessionsPage } from "@/lib/sessions/queries";
import { SESSION_FILTER_PARAMS, SESSION_SORT_COLUMNS, sessionFilterSchema, type SessionSortColumn } from "@/lib/sessions/schemas";
import { RANGE_PARAM, rangeStart } from "./range";
import { SessionsTable } from "./sessions-table";

export const metadata: Metadata = { title: "Sessions" };

type Search = Record<string, string | string[] | undefined>;

export default async function SessionsPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<Search> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const sp = await searchParams;
  const state = readTableState(sp, {
    filters: [...SESSION_FILTER_PARAMS, RANGE_PARAM],
    sortable: SESSION_SORT_COLUMNS,
    defaultSort: { id: "timestamp", desc: true },
  });
  const raw: Record<string, string | undefined> = { ...state.filters };
  // A preset range ("24h") sets `from` unless the URL gives one.
  if (!raw.from && state.filters.range) raw.from = rangeStart(state.filters.range)?.toISOString();
  delete raw.range;
  const parsed = sessionFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const sort = state.sort ? { column: state.sort.id as SessionSortColumn, dir: state.sort.desc ? ("desc" as const) : ("asc" as const) } : undefined;
  const [{ rows, total }, environments, queues] = await Promise.all([
    sessionsPage(project, { filter, sort, page: state.page, limit: state.limit }),
    sessionEnvironments(project),
    listQueueOptions(project),
  ]);
  return (
    <div className="page">
      <PageHeader title="Sessions" description="Conversations: the traces that share a session id, with their combined cost, tokens, errors and scores." />
      {!parsed.success && (
        <Alert tone="warning" title="Some filters were ignored">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
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
        filtered={Object.keys(state.filters).length > 0}
      />
    </div>
  );
}
