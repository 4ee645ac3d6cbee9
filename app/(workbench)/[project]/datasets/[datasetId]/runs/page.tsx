import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ScoreTrendChart } from "@/components/charts/score-trend-chart";
import { RecentTriggers } from "@/components/experiments/recent-triggers";
import { RunExperimentDialog } from "@/components/experiments/run-experiment-dialog";
import { ButtonLink } from "@/components/ui/button";
import { readTableState } from "@/components/data-table/url-state";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { datasetCounts, datasetOrNull } from "@/lib/datasets/queries";
import { prepareScoreTrend } from "@/lib/experiments/prepare-score-trend";
import { runsListPage } from "@/lib/experiments/queries";
import { recentTriggers, sendableEndpointUrl } from "@/lib/experiments/trigger-queries";
import { PAGE_SIZES } from "@/lib/query/page";
import { decodeParam } from "../../decode-param";
import { DatasetTabs } from "../dataset-tabs";
import { RunsEmpty } from "./runs-empty";
import { RunsTable } from "./runs-table";

export const metadata: Metadata = { title: "Runs" };

type Search = Record<string, string | string[] | undefined>;

export default async function RunsPage({ params, searchParams }: { params: Promise<{ project: string; datasetId: string }>; searchParams: Promise<Search> }) {
  const [{ project, datasetId: rawId }, sp] = await Promise.all([params, searchParams]);
  const datasetId = decodeParam(rawId);
  const access = await projectAccess(project);
  if (!access) notFound();
  const dataset = await datasetOrNull(project, datasetId);
  if (!dataset) notFound();
  const state = readTableState(sp, { pageSizes: PAGE_SIZES });
  const canWrite = can(access.role, "annotate");
  const [counts, list, triggers, endpointUrl] = await Promise.all([
    datasetCounts(project, dataset.id),
    runsListPage(project, dataset.id, { page: state.page, limit: state.limit, sort: state.sort }),
    recentTriggers(project, dataset.id),
    canWrite ? sendableEndpointUrl(project) : null,
  ]);
  const base = `/${encodeURIComponent(project)}/datasets`;
  // One column per score name seen on any run, so every row lines up.
  const scores = {
    item: [...new Set(list.allOldestFirst.flatMap((r) => r.itemScores.map((s) => s.name)))].sort(),
    run: [...new Set(list.allOldestFirst.flatMap((r) => r.runScores.map((s) => s.name)))].sort(),
  };
  const trend = prepareScoreTrend(list.allOldestFirst);

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Datasets", href: base }, { label: dataset.name, href: `${base}/${encodeURIComponent(dataset.id)}` }, { label: "Runs" }]}
        title={dataset.name}
        description={dataset.description ?? undefined}
        meta={
          <span className="row gap-3 small muted ds-counts" aria-label="Dataset counts">
            <span>
              <strong>{counts.runs.toLocaleString("en-US")}</strong> {counts.runs === 1 ? "run" : "runs"}
            </span>
            <span>
              <strong>{counts.active.toLocaleString("en-US")}</strong> active items
            </span>
          </span>
        }
        actions={
          canWrite ? (
            <>
              <ButtonLink size="sm" href={`/${encodeURIComponent(project)}/evaluators/new?datasetId=${encodeURIComponent(dataset.id)}`}>
                Add evaluator
              </ButtonLink>
              <RunExperimentDialog projectId={project} datasetId={dataset.id} datasetName={dataset.name} endpointUrl={endpointUrl} />
            </>
          ) : null
        }
      />
      <DatasetTabs projectId={project} datasetId={dataset.id} active="runs" counts={{ items: counts.active, runs: counts.runs }} />
      {list.total > 0 && (
        <Card
          className="runs-trend"
          title={
            <>
              Scores across runs <span className="faint small">oldest → newest</span>
            </>
          }
        >
          <ScoreTrendChart trend={trend} emptyHint="No run has scores yet. Item scores (from evaluators, the SDK's evaluators or reviewers) and run-level scores appear here as one line each." />
        </Card>
      )}
      <RunsTable
        projectId={project}
        datasetId={dataset.id}
        rows={list.rows}
        total={list.total}
        page={state.page}
        limit={state.limit}
        sort={list.sort}
        scores={scores}
        canWrite={canWrite}
        empty={<RunsEmpty projectId={project} datasetName={dataset.name} />}
      />
      <RecentTriggers rows={triggers} />
    </div>
  );
}
