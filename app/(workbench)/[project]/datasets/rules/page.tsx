import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { projectAccess } from "@/lib/auth/session";
import { rulesOfProject } from "@/lib/datasets/rules/queries";
import { describeFilter, formatSampling } from "@/lib/datasets/rules/schemas";
import { RuleToggle } from "./rule-controls";

export const metadata: Metadata = { title: "Promotion rules" };

export default async function RulesPage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  const access = await projectAccess(project);
  if (!access) notFound();
  const rules = await rulesOfProject(project);
  const base = `/${encodeURIComponent(project)}`;
  const canEdit = can(access.role, "annotate");
  return (
    <div className="page">
      <PageHeader
        title="Promotion rules"
        breadcrumbs={[{ label: "Datasets", href: `${base}/datasets` }]}
        description="Saved trace filters that add matching traces to a dataset as they arrive and as they change (a score posted later counts), so failures nobody looks at still become regression cases."
        actions={
          canEdit && (
            <Link className="btn btn-primary" href={`${base}/datasets/rules/new`}>
              New rule
            </Link>
          )
        }
      />
      {rules.length === 0 ? (
        <Card>
          <EmptyState
            title="No rules yet"
            description={
              <>
                Filter the <Link className="link" href={`${base}/traces`}>traces table</Link> down to the failures you want to keep (for example &ldquo;Has errors&rdquo;, or a score such as helpfulness&lt;0.5), then choose &ldquo;Create a rule from this view&rdquo;. Or start from an empty rule.
              </>
            }
            action={
              canEdit && (
                <Link className="btn btn-primary btn-sm" href={`${base}/datasets/rules/new`}>
                  New rule
                </Link>
              )
            }
          />
        </Card>
      ) : (
        <Card flush title="Rules">
          <div className="table-wrap">
            <table className="table rules-table" aria-label="Rules">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Dataset</th>
                  <th>Filter</th>
                  <th className="num">Sampling</th>
                  <th>On</th>
                  <th className="num">Items</th>
                  <th>Last match</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link className="link strong" href={`${base}/datasets/rules/${r.id}`}>
                        {r.name}
                      </Link>
                      {r.disabledReason && <div className="small rule-reason">Switched off: {r.disabledReason}</div>}
                    </td>
                    <td>{r.datasetId ? <Link className="link" href={`${base}/datasets/${r.datasetId}`}>{r.datasetName}</Link> : <span className="faint">none</span>}</td>
                    <td className="small rule-filter" title={describeFilter(r.filter)}>
                      {describeFilter(r.filter)}
                    </td>
                    <td className="num">{formatSampling(r.sampleRate)}</td>
                    <td className="nowrap">{canEdit ? <RuleToggle projectId={project} ruleId={r.id} name={r.name} enabled={r.enabled} disabled={!r.datasetId && !r.enabled} /> : r.enabled ? "On" : "Off"}</td>
                    <td className="num">{r.itemsCreated.toLocaleString("en-US")}</td>
                    <td className="small nowrap">{r.lastMatchAt ? formatDate(r.lastMatchAt) : <span className="faint">never</span>}</td>
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
