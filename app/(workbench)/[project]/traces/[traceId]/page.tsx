import type { Metadata } from "next";
import { formatScore } from "@/lib/query/scores";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToQueueButton } from "@/components/annotate/add-to-queue-button";
import { AnnotationPanel } from "@/components/annotate/annotation-panel";
import { JsonTree } from "@/components/json/json-tree";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { formatCost, formatDate, formatDuration, formatTokens } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { listQueueOptions } from "@/lib/queues/queries";
import { datasetOptions, datasetsOfTrace } from "@/lib/datasets/promote-queries";
import { PromoteButton } from "@/components/promote/promote-button";
import { InDatasets } from "@/components/promote/in-datasets";
import { InRuns } from "@/components/experiments/in-runs";
import { runsOfTrace } from "@/lib/experiments/trace-runs";
import { loadObservation } from "@/lib/objects/actions";
import { observationDetail, traceObservationSummaries } from "@/lib/objects/observations";
import { traceHeader, traceNeighboursInView, traceScores } from "@/lib/traces/queries";
import { traceIoForPage } from "@/lib/traces/trace-io";
import { viewQuery, type SearchParamsRecord } from "@/lib/traces/table-params";
import { BookmarkToggle } from "./bookmark-toggle";
import { ObservationAnnotationsSync } from "./observation-annotations-sync";
import { TraceIo } from "./trace-io";
import { TraceReviewViewer } from "./trace-review-viewer";
import { isoAlways, isoOrNull } from "@/lib/iso";

type Props = { params: Promise<{ project: string; traceId: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { traceId } = await params;
  return { title: `Trace ${decodeId(traceId)}` };
}

/** Route params arrive percent-encoded for some characters; a lone "%" must not throw. */
function decodeId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Metadata worth a section: anything but null and {}. */
function hasMetadata(m: unknown): boolean {
  if (m === null || m === undefined) return false;
  return !(typeof m === "object" && !Array.isArray(m) && Object.keys(m).length === 0);
}

/** The same text as the trace's score column in the table. */

export default async function TracePage(props: Props) {
  const [{ project, traceId: rawId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const traceId = decodeId(rawId);
  const access = await projectAccess(project);
  if (!access) notFound();
  const canAnnotate = can(access.role, "annotate");
  const asked = typeof searchParams.observation === "string" ? searchParams.observation : null;
  // The list ships summaries only; the selected observation's detail (payloads clipped
  // when huge) comes with the page, so a shared link shows its IO without a round trip.
  const [header, io, observations, askedDetail, scores, neighbours, queues, datasets, holding, runs] = await Promise.all([
    traceHeader(project, traceId),
    traceIoForPage(project, traceId),
    traceObservationSummaries(project, traceId),
    asked ? observationDetail(project, traceId, asked) : Promise.resolve(null),
    traceScores(project, traceId),
    traceNeighboursInView(project, traceId, searchParams),
    canAnnotate ? listQueueOptions(project) : Promise.resolve(null),
    canAnnotate ? datasetOptions(project) : Promise.resolve(null),
    datasetsOfTrace(project, traceId),
    runsOfTrace(project, traceId),
  ]);
  if (!header || !io) notFound();

  const base = `/${encodeURIComponent(project)}`;
  const view = viewQuery(searchParams);
  const withView = (path: string) => `${path}${view ? `?${view}` : ""}`;
  const selectedIndex = asked ? observations.ids.indexOf(asked) : -1;
  const selected = selectedIndex >= 0 ? asked : null;
  const selectedName = selectedIndex >= 0 ? (observations.names[observations.name[selectedIndex]] ?? null) : null;
  const shown = observations.ids.length;

  return (
    <div className="page">
      <PageHeader
        breadcrumbs={[{ label: "Traces", href: withView(`${base}/traces`) }, { label: <span className="mono">{traceId}</span> }]}
        title={header.name ?? <span className="faint">(unnamed trace)</span>}
        meta={
          <>
            <span className="muted small mono">{formatDate(header.timestamp, { ms: true })} UTC</span>
            {header.userId && <span className="small">user <span className="strong">{header.userId}</span></span>}
            {header.sessionId && (
              <span className="small">
                session{" "}
                <Link className="link" href={`${base}/sessions/${encodeURIComponent(header.sessionId)}`}>
                  {header.sessionId}
                </Link>
              </span>
            )}
            {header.environment !== "default" && <Badge tone="info">{header.environment}</Badge>}
            {header.release && <Badge>release {header.release}</Badge>}
            {header.version && <Badge>version {header.version}</Badge>}
            {header.tags.map((t) => (
              <Badge key={t}>{t}</Badge>
            ))}
            <CopyButton text={traceId} label="Copy id" />
          </>
        }
        actions={
          <>
            <BookmarkToggle projectId={project} traceId={traceId} bookmarked={header.bookmarked} disabled={!canAnnotate} />
            {queues && <AddToQueueButton projectId={project} objectType="TRACE" objectId={traceId} queues={queues} />}
            {datasets && <PromoteButton projectId={project} datasets={datasets} target={{ kind: "sources", sources: [{ traceId }] }} />}
            <nav className="row gap-1" aria-label="Traces in this view">
              {neighbours.prev ? (
                <ButtonLink size="sm" href={withView(`${base}/traces/${encodeURIComponent(neighbours.prev)}`)} aria-label="Previous trace" rel="prev">
                  ‹ Prev
                </ButtonLink>
              ) : (
                <span className="btn btn-secondary btn-sm" aria-disabled="true" style={{ opacity: 0.5 }}>
                  ‹ Prev
                </span>
              )}
              {neighbours.next ? (
                <ButtonLink size="sm" href={withView(`${base}/traces/${encodeURIComponent(neighbours.next)}`)} aria-label="Next trace" rel="next">
                  Next ›
                </ButtonLink>
              ) : (
                <span className="btn btn-secondary btn-sm" aria-disabled="true" style={{ opacity: 0.5 }}>
                  Next ›
                </span>
              )}
            </nav>
          </>
        }
      />

      <div className="row wrap gap-4 small" aria-label="Totals" style={{ marginBottom: 12 }}>
        <span>
          <span className="muted">Latency</span> <span className="strong">{formatDuration(header.latencyMs)}</span>
        </span>
        <span>
          <span className="muted">Tokens</span> <span className="strong">{formatTokens(header.inputTokens)} → {formatTokens(header.outputTokens)}</span>{" "}
          <span className="faint">({formatTokens(header.totalTokens)} total)</span>
        </span>
        <span>
          <span className="muted">Cost</span> <span className="strong">{formatCost(header.totalCost)}</span>
        </span>
        <span>
          <span className="muted">Observations</span> <span className="strong">{formatTokens(header.observationCount)}</span>
        </span>
        {header.errorCount > 0 && <Badge tone="error">{header.errorCount} error{header.errorCount > 1 ? "s" : ""}</Badge>}
        {header.warningCount > 0 && <Badge tone="warning">{header.warningCount} warning{header.warningCount > 1 ? "s" : ""}</Badge>}
        {scores.map((s) => (
          <Badge key={s.name} tone="info" title={`Trace score (${s.sources.join(", ").toLowerCase()})${s.count > 1 ? `: ${typeof s.value === "number" ? "mean" : "latest"} of ${s.count}` : ""}. Observation scores are on each observation.`}>
            {s.name}: {formatScore(s.value)}
            {s.count > 1 && <span className="faint"> ×{s.count}</span>}
          </Badge>
        ))}
      </div>

      <InDatasets projectId={project} holding={holding} />
      <InRuns projectId={project} runs={runs} />
      <TraceIo projectId={project} traceId={traceId} input={io.input} output={io.output} />
      {hasMetadata(header.metadata) && (
        <section className="card card-body" aria-label="Trace metadata" style={{ marginTop: 16, maxHeight: 360, overflow: "auto" }}>
          <JsonTree label="Trace metadata" value={header.metadata} expandDepth={2} />
        </section>
      )}

      <div style={{ marginTop: 16 }}>
        {header.observationCount > shown && (
          <p className="muted small" role="note">
            Showing the first {formatTokens(shown)} of {formatTokens(header.observationCount)} observations (by start time).
          </p>
        )}
        <TraceReviewViewer
          projectId={project}
          queues={queues}
          datasets={datasets}
          traceId={traceId}
          observations={observations}
          initialDetail={selected ? askedDetail : null}
          traceStartTime={isoOrNull(header.startTime) ?? isoAlways(header.timestamp)}
          traceEndTime={isoOrNull(header.endTime)}
          initialSelectedId={selected}
          loadObservation={loadObservation.bind(null, project, traceId)}
          emptyDetail={
            <div className="empty small">
              {shown ? "Select an observation to see its input, output, usage and timing." : "This trace has no observations yet."}
            </div>
          }
        />
      </div>
      <ObservationAnnotationsSync renderedFor={selected} />

      <div className="grid-2" style={{ marginTop: 16 }}>
        <section className="card" aria-label="Trace scores and comments">
          <header className="card-head">
            <h2 className="card-title">Trace scores and comments</h2>
          </header>
          <div className="card-body">
            <AnnotationPanel projectId={project} objectType="TRACE" objectId={traceId} />
          </div>
        </section>
        {selected && (
          <section className="card" aria-label="Observation scores and comments">
            <header className="card-head">
              <h2 className="card-title ellipsis">Observation: {selectedName ?? selected}</h2>
            </header>
            <div className="card-body">
              <AnnotationPanel projectId={project} objectType="OBSERVATION" objectId={selected} traceId={traceId} />
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
