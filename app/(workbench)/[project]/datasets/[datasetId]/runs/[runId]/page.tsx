import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { readTableState } from "@/components/data-table/url-state";
import { EvaluateRunButton } from "@/components/experiments/evaluate-run-button";
import { Card } from "@/components/ui/card";
import { formatCost, formatDate, formatDuration } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { datasetOrNull } from "@/lib/datasets/queries";
import { latestRunEvaluation } from "@/lib/evals/queries";
import { runPageData } from "@/lib/experiments/queries";
import { PAGE_SIZES } from "@/lib/query/page";
import { decodeParam } from "../../../decode-param";
import { DeleteRunButton } from "../delete-run-button";
import { ItemScoreFigure, RunScoreFigure } from "../score-figures";
import { LiveRefresh } from "./live-refresh";
import { RunItemsTable } from "./run-items-table";

export const metadata: Metadata = { title: "Run" };

type Search = Record<string, string | string[] | undefined>;

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat run-figure">
      <span className="stat-label">{label}</span>
      <span className="run-figure-value">{children}</span>
    </div>
  );
}

export default async function RunPage({ params, searchParams }: { params: Promise<{ project: string; datasetId: string; runId: string }>; searchParams: Promise<Search> }) {
  const [{ project, datasetId: rawDataset, runId: rawRun }, sp] = await Promise.all([params, searchParams]);
  const datasetId = decodeParam(rawDataset);
  const access = await projectAccess(project);
  if (!access) notFound();
  const dataset = await datasetOrNull(project, datasetId);
  if (!dataset) notFound();
  const state = readTableState(sp, { pageSizes: PAGE_SIZES });
  const data = await runPageData(project, dataset.id, decodeParam(rawRun), { page: state.page, limit: state.limit });
  if (!data) notFound();
  const { header: run, items } = data;
  const evaluation = await latestRunEvaluation(project, run.id);
  const canWrite = can(access.role, "annotate");
  const base = `/${encodeURIComponent(project)}/datasets`;
  const datasetHref = `${base}/${encodeURIComponent(dataset.id)}`;
  const waiting = run.itemCount - run.tracesArrived;
  const metadataText = run.metadata === null ? null : JSON.stringify(run.metadata, null, 2);

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Datasets", href: base }, { label: dataset.name, href: datasetHref }, { label: "Runs", href: `${datasetHref}/runs` }, { label: run.name }]}
        title={run.name}
        description={run.description ?? undefined}
        meta={
          <span className="row gap-3 small muted ds-counts wrap" aria-label="Run counts">
            <span>
              <strong>{run.itemCount.toLocaleString("en-US")}</strong> {run.itemCount === 1 ? "item" : "items"}
            </span>
            {waiting > 0 && <span>{waiting.toLocaleString("en-US")} traces not arrived yet</span>}
            {run.errorCount > 0 && (
              <span className="run-error-count">
                <strong>{run.errorCount.toLocaleString("en-US")}</strong> evaluation {run.errorCount === 1 ? "error" : "errors"}
              </span>
            )}
            <span>created {formatDate(run.createdAt)}</span>
            {run.lastLinkedAt && <span>last item {formatDate(run.lastLinkedAt)}</span>}
            <LiveRefresh live={run.live} />
          </span>
        }
        actions={
          <>
            <EvaluateRunButton projectId={project} runId={run.id} job={evaluation} canRun={canWrite} />
            {canWrite && <DeleteRunButton projectId={project} datasetId={dataset.id} run={run} afterDelete={`${datasetHref}/runs`} />}
          </>
        }
      />
      <Card title="Summary" className="run-summary">
        <div className="run-figures">
          <Figure label="Avg latency">{formatDuration(run.avgLatencyMs)}</Figure>
          <Figure label="p95 latency">{formatDuration(run.p95LatencyMs)}</Figure>
          <Figure label="Avg cost">{formatCost(run.avgCost)}</Figure>
          <Figure label="Total cost">{formatCost(run.totalCost)}</Figure>
          {run.runScores.map((s) => (
            <Figure key={`run:${s.name}`} label={`${s.name} (run)`}>
              <RunScoreFigure score={s} />
            </Figure>
          ))}
          {run.itemScores.map((s) => (
            <Figure key={`item:${s.name}`} label={`${s.name} (avg)`}>
              <ItemScoreFigure score={s} />
            </Figure>
          ))}
        </div>
        {metadataText && (
          <details className="run-metadata">
            <summary className="small muted">Metadata</summary>
            <pre className="code">{metadataText}</pre>
          </details>
        )}
      </Card>
      <RunItemsTable projectId={project} datasetId={dataset.id} rows={items.rows} total={items.total} page={state.page} limit={state.limit} />
    </div>
  );
}
