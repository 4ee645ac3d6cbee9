import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareControls, ThresholdEditor } from "@/components/experiments/compare-controls";
import { CompareRunHeader } from "@/components/experiments/compare-header";
import { CompareRunPicker } from "@/components/experiments/compare-picker";
import { CompareItemRow, PAGE_DIFF_BUDGET_MS } from "@/components/experiments/compare-row";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { projectAccess } from "@/lib/auth/session";
import { datasetCounts, datasetOrNull } from "@/lib/datasets/queries";
import { DomainError } from "@/lib/errors";
import { compareView, pickerRuns } from "@/lib/experiments/compare-queries";
import { COMPARE_PAGE_SIZES, compareHref, readCompareState, type CompareState } from "@/lib/experiments/compare-url";
import { decodeParam } from "../../decode-param";
import { sourceHref } from "../../item-links";
import { DatasetTabs } from "../dataset-tabs";

export const metadata: Metadata = { title: "Compare runs" };

type Search = Record<string, string | string[] | undefined>;

export default async function CompareRunsPage({ params, searchParams }: { params: Promise<{ project: string; datasetId: string }>; searchParams: Promise<Search> }) {
  const [{ project, datasetId: rawId }, sp] = await Promise.all([params, searchParams]);
  const datasetId = decodeParam(rawId);
  const access = await projectAccess(project);
  if (!access) notFound();
  const dataset = await datasetOrNull(project, datasetId);
  if (!dataset) notFound();
  const { state: asked, issues } = readCompareState(sp);
  // The newest runs, and the runs the link names even when older than those.
  const [counts, runs] = await Promise.all([datasetCounts(project, dataset.id), pickerRuns(project, dataset.id, asked.runIds)]);
  const datasets = `/${encodeURIComponent(project)}/datasets`;
  const here = `${datasets}/${encodeURIComponent(dataset.id)}`;
  const base = `${here}/compare`;
  // Known runs only; the baseline defaults to the oldest chosen run (the one the others came after).
  const chosen = asked.runIds.filter((id) => runs.some((r) => r.id === id));
  const baselineId = asked.baselineId && chosen.includes(asked.baselineId) ? asked.baselineId : ([...runs].reverse().find((r) => chosen.includes(r.id))?.id ?? null);
  const state: CompareState = { ...asked, runIds: chosen, baselineId };
  const dropped = asked.runIds.filter((id) => !chosen.includes(id));
  const diffDeadline = Date.now() + PAGE_DIFF_BUDGET_MS;

  const header = (
    <>
      <PageHeader breadcrumbs={[{ label: "Datasets", href: datasets }, { label: dataset.name, href: here }, { label: "Compare runs" }]} title={dataset.name} description={dataset.description ?? undefined} />
      <DatasetTabs projectId={project} datasetId={dataset.id} active="compare" counts={{ items: counts.active, runs: counts.runs }} />
    </>
  );

  if (runs.length < 2) {
    return (
      <div className="page">
        {header}
        <EmptyState
          title={runs.length ? "One run so far: comparing needs two" : "No runs of this dataset yet"}
          description={
            <>
              A run is your application run over the dataset&apos;s items, each item linked to the trace it made: the Langfuse SDK&apos;s{" "}
              <span className="mono">dataset.runExperiment(…)</span> or <span className="mono">item.link(trace, runName)</span>, or{" "}
              <span className="mono">POST /api/public/dataset-run-items</span>. Run it before and after a change, then compare the two here.
            </>
          }
          action={
            <ButtonLink size="sm" href={`${here}/runs`}>
              See the runs
            </ButtonLink>
          }
        />
      </div>
    );
  }

  const picking = chosen.length < 2 || !baselineId;
  let view: Awaited<ReturnType<typeof compareView>> | null = null;
  let refusal: string | null = null;
  if (!picking) {
    try {
      view = await compareView(project, dataset.id, { runIds: chosen, baselineId: baselineId!, rules: state.rules, filter: state.filter, sort: state.sort, page: state.page, limit: state.limit });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      refusal = err.message;
    }
  }

  return (
    <div className="page cmp-page">
      {header}
      {dropped.length > 0 && (
        <Alert tone="warning" title={dropped.length === 1 ? "A run of the link was left out" : `${dropped.length} runs of the link were left out`}>
          {dropped.map((id) => `"${id}"`).join(", ")}: no such run of this dataset (it may have been deleted).
        </Alert>
      )}
      {issues.map((i) => (
        <Alert key={i.param} tone="warning" title={`Ignored ${i.param}`}>
          {i.message}
        </Alert>
      ))}
      {!view ? (
        <>
          {refusal && <Alert tone="error">{refusal}</Alert>}
          {asked.runIds.length > 0 && chosen.length < 2 && <Alert tone="warning">Choose at least two runs of this dataset.</Alert>}
          <CompareRunPicker base={base} runs={runs} chosen={chosen} baselineId={baselineId} />
        </>
      ) : (
        <>
          <details className="cmp-change-runs">
            <summary className="small">
              Comparing {view.runs.length} runs against <strong>{view.runs[0]!.name}</strong> · change runs or baseline
            </summary>
            <CompareRunPicker base={base} runs={runs} chosen={chosen} baselineId={baselineId} />
          </details>
          <CompareControls base={base} state={state} scoreNames={view.scoreNames} />
          <ThresholdEditor base={base} state={state} rules={view.rules} categories={view.categories} />
          {view.rows.length === 0 && view.matchingItems > 0 ? (
            <EmptyState
              title="This page is past the last one"
              action={
                <ButtonLink size="sm" href={compareHref(base, state, { page: 1 })}>
                  First page
                </ButtonLink>
              }
            />
          ) : view.rows.length === 0 ? (
            <EmptyState
              title={view.totalItems ? "No item matches this filter" : "No items to compare"}
              description={view.totalItems ? "Nothing regressed, improved or changed as this filter asks: show all items instead." : "The dataset has no active items and the runs ran none."}
              action={
                view.totalItems ? (
                  <ButtonLink size="sm" href={compareHref(base, state, { filter: "all" })}>
                    Show all items
                  </ButtonLink>
                ) : undefined
              }
            />
          ) : null}
          <div className="cmp-wrap">
            <table className="cmp-table" aria-label="Runs compared item by item">
              <thead>
                <tr>
                  <th className="cmp-item-head">
                    <span className="small muted">
                      {view.matchingItems.toLocaleString("en-US")} of {view.totalItems.toLocaleString("en-US")} items
                    </span>
                  </th>
                  {view.runs.map((r, i) => (
                    <th key={r.id}>
                      <CompareRunHeader run={r} agg={view.aggregates[i]!} rules={view.rules} runHref={`${here}/runs/${encodeURIComponent(r.id)}`} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <CompareItemRow key={row.item.id} row={row} mode={state.diff} itemHref={`${here}/items/${encodeURIComponent(row.item.id)}`} traceHref={(traceId, observationId) => sourceHref(project, traceId, observationId)} diffDeadline={diffDeadline} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager base={base} state={state} total={view.matchingItems} />
        </>
      )}
    </div>
  );
}

function Pager({ base, state, total }: { base: string; state: CompareState; total: number }) {
  const pages = Math.max(1, Math.ceil(total / state.limit));
  if (total <= COMPARE_PAGE_SIZES[0]) return null;
  const from = Math.min(total, (state.page - 1) * state.limit + 1);
  const to = Math.min(total, state.page * state.limit);
  return (
    <nav className="row gap-3 cmp-pager" aria-label="Pages">
      <span className="small muted">
        {from.toLocaleString("en-US")}–{to.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
      </span>
      {state.page > 1 && <Link href={compareHref(base, state, { page: state.page - 1 })}>Previous</Link>}
      {state.page < pages && <Link href={compareHref(base, state, { page: state.page + 1 })}>Next</Link>}
      <span className="small muted">per page</span>
      {COMPARE_PAGE_SIZES.map((n) =>
        n === state.limit ? (
          <span key={n} className="small strong" aria-current="true">
            {n}
          </span>
        ) : (
          <Link key={n} href={compareHref(base, state, { limit: n })} className="small">
            {n}
          </Link>
        ),
      )}
    </nav>
  );
}
