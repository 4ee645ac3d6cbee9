import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { evaluatorDatasetOptions } from "@/lib/evals/queries";
import { EvaluatorForm } from "../evaluator-form";

export const metadata: Metadata = { title: "New evaluator" };

/** A new evaluator; a dataset page may link here with ?datasetId= to attach it. */
export default async function NewEvaluatorPage(props: { params: Promise<{ project: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ project }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const access = await projectAccess(project);
  if (!access) notFound();
  const base = `/${encodeURIComponent(project)}`;
  const datasets = await evaluatorDatasetOptions(project);
  const datasetId = typeof searchParams.datasetId === "string" && datasets.some((d) => d.id === searchParams.datasetId) ? searchParams.datasetId : datasets.length === 1 ? datasets[0].id : null;
  return (
    <div className="page">
      <PageHeader
        title="New evaluator"
        breadcrumbs={[{ label: "Evaluators", href: `${base}/evaluators` }]}
        description="Pick a check, then where it runs: on the runs of a dataset (each output against its item's expected output), on live traces matching a filter, or both."
      />
      {!can(access.role, "annotate") && <Alert tone="warning">Your role ({access.role}) can read evaluators but not create them.</Alert>}
      <Card>
        <EvaluatorForm
          projectId={project}
          datasets={datasets}
          initial={{ name: "", config: { kind: "EXACT_MATCH", trim: true, ignoreCase: false, reference: null }, datasetId, live: false, conditions: "", samplePercent: 100, enabled: true }}
        />
      </Card>
    </div>
  );
}
