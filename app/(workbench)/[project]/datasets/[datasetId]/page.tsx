import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readTableState } from "@/components/data-table/url-state";
import { ButtonLink } from "@/components/ui/button";
import { RunExperimentDialog } from "@/components/experiments/run-experiment-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { datasetCounts, datasetOrNull, itemsTablePage, readItemFilter } from "@/lib/datasets/queries";
import { sendableEndpointUrl } from "@/lib/experiments/trigger-queries";
import { PAGE_SIZES } from "@/lib/query/page";
import { DatasetActions } from "../dataset-actions";
import { decodeParam } from "../decode-param";
import { AddItemDialog } from "./add-item-dialog";
import { DatasetTabs } from "./dataset-tabs";
import { ExportMenu } from "./export-menu";
import { ItemsTable } from "./items-table";

export const metadata: Metadata = { title: "Dataset" };

type Search = Record<string, string | string[] | undefined>;

export default async function DatasetPage({ params, searchParams }: { params: Promise<{ project: string; datasetId: string }>; searchParams: Promise<Search> }) {
  const [{ project, datasetId: rawId }, sp] = await Promise.all([params, searchParams]);
  const datasetId = decodeParam(rawId);
  const access = await projectAccess(project);
  if (!access) notFound();
  const dataset = await datasetOrNull(project, datasetId);
  if (!dataset) notFound();
  const state = readTableState(sp, { pageSizes: PAGE_SIZES });
  const filter = readItemFilter(sp);
  const canWrite = can(access.role, "annotate");
  const [counts, page, endpointUrl] = await Promise.all([
    datasetCounts(project, dataset.id),
    itemsTablePage(project, dataset.id, { page: state.page, limit: state.limit, search: filter.search, status: filter.status, origin: filter.origin }),
    canWrite ? sendableEndpointUrl(project) : null,
  ]);
  const base = `/${encodeURIComponent(project)}/datasets`;
  const here = `${base}/${encodeURIComponent(dataset.id)}`;
  // The export links carry the table's current filter, so "export" means what is shown.
  const filterQuery = new URLSearchParams();
  if (filter.search) filterQuery.set("q", filter.search);
  if (filter.statusFilter !== "active") filterQuery.set("status", filter.statusFilter);
  if (filter.origin) filterQuery.set("origin", filter.origin.toLowerCase());
  const schemas = [dataset.inputSchema !== null && "input", dataset.expectedOutputSchema !== null && "expected output"].filter(Boolean);

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Datasets", href: base }, { label: dataset.name }]}
        title={dataset.name}
        description={dataset.description ?? undefined}
        meta={
          <span className="row gap-3 small muted ds-counts" aria-label="Dataset counts">
            <span>
              <strong>{counts.active.toLocaleString("en-US")}</strong> active
            </span>
            <span>
              <strong>{counts.archived.toLocaleString("en-US")}</strong> archived
            </span>
            <span>
              <strong>{counts.runs.toLocaleString("en-US")}</strong> {counts.runs === 1 ? "run" : "runs"}
            </span>
            {schemas.length > 0 && <span>JSON Schema on {schemas.join(" and ")}</span>}
          </span>
        }
        actions={
          <>
            {canWrite && <AddItemDialog projectId={project} datasetId={dataset.id} />}
            {canWrite && <RunExperimentDialog projectId={project} datasetId={dataset.id} datasetName={dataset.name} endpointUrl={endpointUrl} />}
            {canWrite && (
              <ButtonLink size="sm" href={`${here}/import`}>
                Import
              </ButtonLink>
            )}
            <ExportMenu href={`${here}/export`} filterQuery={filterQuery.toString()} />
            {canWrite && <DatasetActions projectId={project} dataset={dataset} afterDelete={base} />}
          </>
        }
      />
      <DatasetTabs projectId={project} datasetId={dataset.id} active="items" counts={{ items: counts.active, runs: counts.runs }} />
      <ItemsTable
        projectId={project}
        datasetId={dataset.id}
        rows={page.rows}
        total={page.totalItems}
        totalCapped={page.totalCapped}
        page={state.page}
        limit={state.limit}
        filtered={!!(filter.search || filter.origin || filter.statusFilter !== "active")}
        canWrite={canWrite}
        archivedCount={counts.archived}
      />
    </div>
  );
}
