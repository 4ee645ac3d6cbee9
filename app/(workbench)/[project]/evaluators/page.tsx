import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { describeFilter, formatSampling } from "@/lib/datasets/rules/schemas";
import { evaluatorsOfProject } from "@/lib/evals/queries";
import { describeConfig, KIND_LABELS } from "@/lib/evals/schemas";
import { EvaluatorToggle } from "./evaluator-controls";

export const metadata: Metadata = { title: "Evaluators" };

// An evaluator with more results than the list counts shows lower bounds ("9,950+").
const counted = (n: number, over: number | null) => `${n.toLocaleString("en-US")}${over ? "+" : ""}`;
const countedTitle = (over: number | null) => (over ? `At least: counted over its latest ${over.toLocaleString("en-US")} results` : undefined);

export default async function EvaluatorsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const evaluators = await evaluatorsOfProject(project);
  const base = `/${encodeURIComponent(project)}`;
  const canEdit = can(access.role, "annotate");
  const newButton = (size?: "sm") =>
    canEdit && (
      <Link className={`btn btn-primary${size ? " btn-sm" : ""}`} href={`${base}/evaluators/new`}>
        New evaluator
      </Link>
    );
  return (
    <div className="page">
      <PageHeader
        title="Evaluators"
        description="Deterministic checks that need no model — exact match, contains, regex, JSON validity and schema, latency / cost / token thresholds, string similarity — each writing a score (source EVAL) named after the evaluator."
        actions={newButton()}
      />
      {evaluators.length === 0 ? (
        <Card>
          <EmptyState
            title="No evaluators yet"
            description={
              <>
                An evaluator scores outputs as they arrive. Attach it to a dataset and every item of every run of that dataset is scored when it is linked (the output against the item&apos;s expected output); give it a live filter and new traces matching it are scored too. Start with &ldquo;Exact match&rdquo; on one of your{" "}
                <Link className="link" href={`${base}/datasets`}>
                  datasets
                </Link>
                .
              </>
            }
            action={newButton("sm")}
          />
        </Card>
      ) : (
        <Card flush title="Evaluators">
          <div className="table-wrap">
            <table className="table evaluators-table" aria-label="Evaluators">
              <thead>
                <tr>
                  <th>Name (score)</th>
                  <th>Kind</th>
                  <th>Dataset</th>
                  <th>Live filter</th>
                  <th className="num">Sampling</th>
                  <th>On</th>
                  <th className="num">Scores</th>
                  <th className="num">Errors</th>
                  <th>Last result</th>
                </tr>
              </thead>
              <tbody>
                {evaluators.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link className="link strong" href={`${base}/evaluators/${e.id}`}>
                        {e.name}
                      </Link>
                    </td>
                    <td className="small">
                      <div>{KIND_LABELS[e.kind] ?? e.kind}</div>
                      <div className="faint mono evaluator-config">{describeConfig(e.config)}</div>
                    </td>
                    <td>{e.datasetId ? <Link className="link" href={`${base}/datasets/${e.datasetId}`}>{e.datasetName}</Link> : <span className="faint">none</span>}</td>
                    <td className="small evaluator-filter">{e.filter ? describeFilter(e.filter) : <span className="faint">not on live traces</span>}</td>
                    <td className="num">{e.filter ? formatSampling(e.sampleRate) : <span className="faint">—</span>}</td>
                    <td className="nowrap">{canEdit ? <EvaluatorToggle projectId={project} evaluatorId={e.id} name={e.name} enabled={e.enabled} /> : e.enabled ? "On" : "Off"}</td>
                    <td className="num" title={countedTitle(e.countedOver)}>{counted(e.scored, e.countedOver)}</td>
                    <td className={`num${e.errors ? " evaluator-errors" : ""}`} title={countedTitle(e.countedOver)}>{counted(e.errors, e.countedOver)}</td>
                    <td className="small nowrap">{e.lastResultAt ? formatDate(e.lastResultAt) : <span className="faint">never</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </div>
  );
}
