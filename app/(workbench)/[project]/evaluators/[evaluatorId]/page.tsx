import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { describeFilter, formatSampling } from "@/lib/datasets/rules/schemas";
import { evaluatorById, evaluatorDatasetOptions, recentResults } from "@/lib/evals/queries";
import { describeConfig, KIND_LABELS, type EvaluatorResultView } from "@/lib/evals/schemas";
import { isDomainNotFound } from "@/lib/errors";
import { conditionsText } from "../conditions-text";
import { DeleteEvaluator, EvaluatorToggle } from "../evaluator-controls";
import { EvaluatorForm } from "../evaluator-form";

export const metadata: Metadata = { title: "Evaluator" };

function ResultsTable({ base, rows, label }: { base: string; rows: EvaluatorResultView[]; label: string }) {
  return (
    <div className="table-wrap">
      <table className="table evaluator-results" aria-label={label}>
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Target</th>
            <th>Trace</th>
            <th className="num">Value</th>
            <th>Comment or error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.targetType}:${r.targetId}`}>
              <td className="small nowrap">{formatDate(r.updatedAt)}</td>
              <td className="small">{r.targetType === "RUN_ITEM" ? "run item" : "live trace"}</td>
              <td className="mono small">{r.traceId ? <Link className="link" href={`${base}/traces/${encodeURIComponent(r.traceId)}`}>{r.traceId}</Link> : "—"}</td>
              <td className="num">{r.status === "ERROR" ? <Badge tone="error">error</Badge> : (r.stringValue ?? r.value ?? "—")}</td>
              <td className={`small evaluator-comment${r.status === "ERROR" ? " evaluator-errors" : ""}`}>{r.status === "ERROR" ? r.error : r.comment}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function EvaluatorPage({ params }: { params: Promise<{ project: string; evaluatorId: string }> }) {
  const { project, evaluatorId } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const ev = await evaluatorById(project, evaluatorId).catch((err) => (isDomainNotFound(err) ? null : Promise.reject(err)));
  if (!ev) notFound();
  const [datasets, recent, errors] = await Promise.all([evaluatorDatasetOptions(project), recentResults(project, ev.id), recentResults(project, ev.id, { status: "ERROR" })]);
  const base = `/${encodeURIComponent(project)}`;
  const canEdit = can(access.role, "annotate");
  return (
    <div className="page">
      <PageHeader
        title={ev.name}
        breadcrumbs={[{ label: "Evaluators", href: `${base}/evaluators` }]}
        meta={
          <>
            {ev.enabled ? <Badge tone="success">On</Badge> : <Badge tone="neutral">Off</Badge>}
            <span className="small muted">
              {KIND_LABELS[ev.kind] ?? ev.kind}: <span className="mono">{describeConfig(ev.config)}</span>
            </span>
          </>
        }
        actions={
          canEdit && (
            <>
              <EvaluatorToggle projectId={project} evaluatorId={ev.id} name={ev.name} enabled={ev.enabled} />
              <DeleteEvaluator projectId={project} evaluatorId={ev.id} name={ev.name} />
            </>
          )
        }
      />
      {!ev.config && <Alert tone="warning">This evaluator&apos;s configuration no longer reads: it is skipped until it is saved again.</Alert>}
      <Card title="Where it runs">
        <ul className="evaluator-where small">
          <li>
            Runs of dataset:{" "}
            {ev.datasetId ? (
              <Link className="link" href={`${base}/datasets/${ev.datasetId}/runs`}>
                {ev.datasetName}
              </Link>
            ) : (
              <span className="faint">none</span>
            )}
          </li>
          <li>Live traces: {ev.filter ? `${describeFilter(ev.filter)} · sampling ${formatSampling(ev.sampleRate)}` : <span className="faint">off</span>}</li>
        </ul>
      </Card>
      {errors.length > 0 && (
        <Card flush title="Recent errors">
          <ResultsTable base={base} rows={errors} label="Recent errors" />
        </Card>
      )}
      <Card flush title="Recent results">
        {recent.length === 0 ? (
          <p className="muted card-body">
            No results yet. Run items are scored a second or two after they are linked (a run of the dataset, e.g. through the SDK&apos;s <span className="mono">runExperiment</span>); live traces as they arrive. On a run&apos;s page, &ldquo;Evaluate this run again&rdquo; scores runs linked before this evaluator existed.
          </p>
        ) : (
          <ResultsTable base={base} rows={recent} label="Recent results" />
        )}
      </Card>
      {canEdit && (
        <Card title="Edit evaluator">
          <EvaluatorForm
            key={String(ev.enabled)}
            projectId={project}
            datasets={datasets}
            initial={{
              evaluatorId: ev.id,
              name: ev.name,
              config: ev.config ?? { kind: "JSON_VALID" },
              datasetId: ev.datasetId,
              live: !!ev.filter,
              conditions: conditionsText(ev.filter),
              samplePercent: Math.round(ev.sampleRate * 100_000) / 1000,
              enabled: ev.enabled,
            }}
          />
        </Card>
      )}
    </div>
  );
}
