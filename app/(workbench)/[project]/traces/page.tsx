import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageCount } from "@/components/data-table/url-state";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { listQueueOptions } from "@/lib/queues/queries";
import { datasetOptions } from "@/lib/datasets/promote-queries";
import { tracesTable } from "@/lib/traces/queries";
import { viewQuery, type SearchParamsRecord } from "@/lib/traces/table-params";
import { TracesTable } from "./traces-table";
import { isoAlways } from "@/lib/iso";

export const metadata: Metadata = { title: "Traces" };

export default async function TracesPage(props: { params: Promise<{ project: string }>; searchParams: Promise<SearchParamsRecord> }) {
  const [{ project }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const access = await projectAccess(project);
  if (!access) notFound();
  const [data, queues, datasets] = await Promise.all([tracesTable(project, searchParams), listQueueOptions(project), datasetOptions(project)]);
  const { params } = data;
  // Clearing filters keeps the sort and page size.
  const kept = new URLSearchParams(Object.entries({ sort: searchParams.sort, limit: searchParams.limit }).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const clearHref = `/${encodeURIComponent(project)}/traces${kept.size ? `?${kept}` : ""}`;

  const lastPage = pageCount(data.total, params.limit);
  const withPage = (page: number) => {
    const q = new URLSearchParams(Object.entries(searchParams).flatMap(([k, v]) => (k === "page" ? [] : (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => [k, x]))));
    if (page > 1) q.set("page", String(page));
    return q.toString();
  };
  const empty = !data.hasTraces ? (
    <EmptyState
      title="No traces yet"
      description={
        <>
          Create an API key in{" "}
          <Link className="link" href={`/${encodeURIComponent(project)}/settings`}>
            Settings
          </Link>
          , then point a Langfuse SDK or an OpenTelemetry exporter at this server: Langfuse SDKs use the host as{" "}
          <code>LANGFUSE_BASE_URL</code>, OTLP exporters send to <code>/api/public/otel/v1/traces</code>, plain HTTP batches go to{" "}
          <code>/api/public/ingestion</code>. Traces appear here as soon as they arrive.
        </>
      }
    />
  ) : data.total > 0 ? (
    <EmptyState
      title={`Nothing on page ${params.page}`}
      description={`The filter matches ${data.total.toLocaleString("en-US")}${data.totalCapped ? "+" : ""} traces: ${lastPage.toLocaleString("en-US")} page${lastPage === 1 ? "" : "s"} of ${params.limit}.`}
      action={
        <Link className="btn btn-secondary btn-sm" href={`/${encodeURIComponent(project)}/traces?${withPage(lastPage)}`}>
          Go to the last page ({lastPage.toLocaleString("en-US")})
        </Link>
      }
    />
  ) : (
    <EmptyState
      title="No traces match these filters"
      description="Widen the time range or remove a filter."
      action={
        <Link className="btn btn-secondary btn-sm" href={clearHref}>
          Clear filters
        </Link>
      }
    />
  );

  return (
    <div className="page">
      <PageHeader
        title="Traces"
        description="Every request your application traced. Filter, sort, open one to see what happened, or select several to bookmark or review."
        actions={
          can(access.role, "annotate") && (
            // The view's filters become a promotion rule's starting conditions (lib/traces/conditions.ts).
            <Link className="btn btn-secondary btn-sm" href={`/${encodeURIComponent(project)}/datasets/rules/new${viewQuery(searchParams, []) ? `?${viewQuery(searchParams, [])}` : ""}`}>
              Create a rule from this view
            </Link>
          )
        }
      />
      {params.issues.length > 0 && (
        <Alert tone="warning" title="Some filters were ignored">
          {params.issues.map((i) => `${i.param}: ${i.message}`).join(" · ")}
        </Alert>
      )}
      <TracesTable
        projectId={project}
        rows={data.rows.map((r) => ({ ...r, timestamp: isoAlways(r.timestamp) }))}
        total={data.total}
        totalCapped={data.totalCapped}
        page={params.page}
        limit={params.limit}
        sort={{ id: params.sort.column, desc: params.sort.dir === "desc" }}
        scoreNames={data.scoreNames}
        traceNames={data.traceNames}
        viewQuery={viewQuery(searchParams)}
        canDelete={can(access.role, "deleteTraces")}
        canAnnotate={can(access.role, "annotate")}
        queues={queues}
        datasets={datasets}
        empty={empty}
      />
    </div>
  );
}
