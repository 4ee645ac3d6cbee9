import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { DEFAULT_MAPPING } from "@/lib/datasets/mapping";
import { conditionsFromView, encodeConditions } from "@/lib/traces/conditions";
import { ruleFormOptions } from "@/lib/datasets/rules/queries";
import type { SearchParamsRecord } from "@/lib/query/url";
import { RuleForm } from "../rule-form";

export const metadata: Metadata = { title: "New promotion rule" };

/** A new rule; "Create a rule from this view" on the traces table arrives here with the table's query string. */
export default async function NewRulePage(props: { params: Promise<{ project: string }>; searchParams: Promise<SearchParamsRecord> }) {
  const [{ project }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const access = await projectAccess(project);
  if (!access) notFound();
  const base = `/${encodeURIComponent(project)}`;
  const { datasets, scoreNames } = await ruleFormOptions(project);
  const { filter, issues, droppedRange } = conditionsFromView(searchParams);
  const datasetId = typeof searchParams.datasetId === "string" && datasets.some((d) => d.id === searchParams.datasetId) ? searchParams.datasetId : datasets.length === 1 ? datasets[0].id : null;
  return (
    <div className="page">
      <PageHeader
        title="New promotion rule"
        breadcrumbs={[
          { label: "Datasets", href: `${base}/datasets` },
          { label: "Rules", href: `${base}/datasets/rules` },
        ]}
        description="Traces that match every condition are added to the dataset as they arrive and as they change. Start from the traces table's filters, adjust them here."
      />
      {!can(access.role, "annotate") && <Alert tone="warning">Your role ({access.role}) can read rules but not create them.</Alert>}
      {droppedRange && <Alert tone="info">The view&apos;s time range is not part of the rule: a rule looks at traces as they arrive.</Alert>}
      {issues.length > 0 && (
        <Alert tone="warning" title="Some of the view's filters were left out">
          {issues.map((i) => `${i.param}: ${i.message}`).join(" · ")}
        </Alert>
      )}
      {datasets.length === 0 && (
        <Alert tone="info">
          This project has no dataset yet: name one in the form and it is created with the rule (or{" "}
          <Link className="link" href={`${base}/datasets`}>
            create it on the datasets page
          </Link>
          ).
        </Alert>
      )}
      <Card>
        <RuleForm
          projectId={project}
          datasets={datasets}
          scoreNames={scoreNames}
          initial={{ name: "", datasetId, params: encodeConditions(filter), mapping: DEFAULT_MAPPING, samplePercent: 100, enabled: true }}
        />
      </Card>
    </div>
  );
}
