import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readTableState } from "@/components/data-table/url-state";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { datasetOptions } from "@/lib/datasets/promote-queries";
import { observationsPage } from "@/lib/observations/queries";
import { parseObservationView } from "@/lib/observations/view";
import { PAGE_SIZES } from "@/lib/query/page";
import { ObservationsTable } from "./observations-table";

export const metadata: Metadata = { title: "Observations" };

type Search = Record<string, string | string[] | undefined>;

export default async function ObservationsPage({ params, searchParams }: { params: Promise<{ project: string }>; searchParams: Promise<Search> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const sp = await searchParams;
  const state = readTableState(sp, { pageSizes: PAGE_SIZES });
  // The one codec and time ranges, as the traces table: a bad value drops only its own condition.
  const { filter, issues, filtered } = parseObservationView(sp);
  const canAnnotate = can(access.role, "annotate");
  const [{ rows, total, totalCapped }, datasets] = await Promise.all([
    observationsPage(project, { filter, page: state.page, limit: state.limit }),
    canAnnotate ? datasetOptions(project) : Promise.resolve([]),
  ]);
  return (
    <div className="page">
      <PageHeader title="Observations" description="Every span, generation, tool call and event across traces, newest first. Filter, open one in its trace, or select some to add to a dataset." />
      {issues.length > 0 && (
        <Alert tone="warning" title="Some filters were ignored">
          {issues.map((i) => `${i.param}: ${i.message}`).join(" · ")}
        </Alert>
      )}
      <ObservationsTable
        projectId={project}
        rows={rows}
        total={total}
        totalCapped={totalCapped}
        page={state.page}
        limit={state.limit}
        datasets={datasets}
        canAnnotate={canAnnotate}
        filtered={filtered}
      />
    </div>
  );
}
