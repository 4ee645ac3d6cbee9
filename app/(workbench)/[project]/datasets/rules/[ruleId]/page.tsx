import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, Stat } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { encodeConditions } from "@/lib/traces/conditions";
import { lastMatches, latestBackfill, ruleById, ruleFormOptions } from "@/lib/datasets/rules/queries";
import { describeFilter, formatSampling } from "@/lib/datasets/rules/schemas";
import { isDomainNotFound } from "@/lib/errors";
import { BackfillPanel, DeleteRule, RuleToggle } from "../rule-controls";
import { RuleForm } from "../rule-form";

export const metadata: Metadata = { title: "Promotion rule" };

export default async function RulePage({ params }: { params: Promise<{ project: string; ruleId: string }> }) {
  const { project, ruleId } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const rule = await ruleById(project, ruleId).catch((err) => (isDomainNotFound(err) ? null : Promise.reject(err)));
  if (!rule) notFound();
  const [options, matches, job] = await Promise.all([ruleFormOptions(project), lastMatches(project, rule.datasetId, rule.id), latestBackfill(project, rule.id)]);
  const base = `/${encodeURIComponent(project)}`;
  const canEdit = can(access.role, "annotate");
  return (
    <div className="page">
      <PageHeader
        title={rule.name}
        breadcrumbs={[
          { label: "Datasets", href: `${base}/datasets` },
          { label: "Rules", href: `${base}/datasets/rules` },
        ]}
        meta={
          <>
            {rule.enabled ? <Badge tone="success">On</Badge> : <Badge tone="neutral">Off</Badge>}
            <span className="small muted">{describeFilter(rule.filter)}</span>
          </>
        }
        actions={canEdit && (
          <>
            <RuleToggle projectId={project} ruleId={rule.id} name={rule.name} enabled={rule.enabled} disabled={!rule.datasetId && !rule.enabled} />
            <DeleteRule projectId={project} ruleId={rule.id} name={rule.name} />
          </>
        )}
      />
      {rule.disabledReason && (
        <Alert tone="warning" title="This rule was switched off">
          {rule.disabledReason} Pick another dataset below and switch it on again.
        </Alert>
      )}
      <div className="grid-4 rule-stats">
        <Card>
          <Stat label="Items created" value={<span data-testid="rule-items-created">{rule.itemsCreated.toLocaleString("en-US")}</span>} />
        </Card>
        <Card className="rule-stat-text">
          <Stat label="Last match" value={rule.lastMatchAt ? formatDate(rule.lastMatchAt) : "never"} />
        </Card>
        <Card>
          <Stat label="Sampling" value={formatSampling(rule.sampleRate)} />
        </Card>
        <Card className="rule-stat-text">
          <Stat
            label="Dataset"
            value={rule.datasetId ? <Link className="link" href={`${base}/datasets/${rule.datasetId}`}>{rule.datasetName}</Link> : "none"}
          />
        </Card>
      </div>
      <Card flush title="Last matches">
        {matches.length === 0 ? (
          <p className="muted card-body">No items yet. Matching traces show here as soon as they arrive (a few seconds after ingestion), or run the rule on stored traces below.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Last matches">
              <thead>
                <tr>
                  <th>Added (UTC)</th>
                  <th>Trace</th>
                  <th>Item input</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.itemId}>
                    <td className="small nowrap">{formatDate(m.createdAt)}</td>
                    <td className="mono small">{m.traceId ? <Link className="link" href={`${base}/traces/${encodeURIComponent(m.traceId)}`}>{m.traceId}</Link> : "—"}</td>
                    <td className="small mono ellipsis rule-preview">{m.inputPreview}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Stored traces">
        <BackfillPanel projectId={project} ruleId={rule.id} job={job} canRun={canEdit && !!rule.datasetId} />
      </Card>
      {canEdit && (
        <Card title="Edit rule">
          <RuleForm
            key={String(rule.enabled)}
            projectId={project}
            datasets={options.datasets}
            scoreNames={options.scoreNames}
            initial={{ ruleId: rule.id, name: rule.name, datasetId: rule.datasetId, params: encodeConditions(rule.filter), mapping: rule.mapping, samplePercent: Math.round(rule.sampleRate * 100_000) / 1000, enabled: rule.enabled }}
          />
        </Card>
      )}
    </div>
  );
}
