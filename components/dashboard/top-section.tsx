// The dashboard's top sessions and top users by cost (server component): each
// linked to its page, a bar behind the cost relative to the costliest.
import Link from "next/link";
import { ChartCard } from "@/components/charts/chart-card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCost, formatTokens } from "@/components/ui/format";
import type { SectionParams } from "@/lib/analytics/dashboard/run-section";
import { topRows } from "@/lib/analytics/dashboard/top-queries";
import { prepareTop, type TopEntry } from "@/lib/analytics/prepare/top";
import { DashboardSection, FilterNotApplicable } from "./section";

function TopTable({ entries, label, empty }: { entries: TopEntry[]; label: string; empty: string }) {
  if (!entries.length) return <EmptyState title={`No ${label.toLowerCase()}s in this range`} description={empty} className="trend-empty" />;
  return (
    <table className="table" aria-label={`Top ${label.toLowerCase()}s by cost`}>
      <thead>
        <tr>
          <th>{label}</th>
          <th className="num">Cost</th>
          <th className="num">Traces</th>
          <th className="num">Tokens</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-top={e.id}>
            <td className="ellipsis" style={{ maxWidth: 220 }} title={e.id}>
              <Link className="link" href={e.href} prefetch={false}>{e.id}</Link>
            </td>
            <td className="num top-bar-cell">
              <span className="top-bar" style={{ width: `${Math.round(e.share * 100)}%` }} aria-hidden />
              <span className="top-bar-text">{formatCost(e.cost)}</span>
            </td>
            <td className="num">{formatTokens(e.traces)}</td>
            <td className="num">{formatTokens(e.tokens)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export async function TopSection({ projectId, params }: { projectId: string; params: SectionParams }) {
  const { sessions, users } = await topRows(projectId, params);
  if (!sessions.ok || !users.ok)
    return (
      <DashboardSection id="top" title="Top sessions and users">
        <ChartCard title="Sessions and users" className="span-2">
          <FilterNotApplicable items={!sessions.ok ? sessions.notApplicable : !users.ok ? users.notApplicable : []} />
        </ChartCard>
      </DashboardSection>
    );
  return (
    <DashboardSection id="top" title="Top sessions and users" description="The costliest in the range, each linked to its page.">
      <ChartCard title="Top sessions by cost">
        <TopTable entries={prepareTop(sessions.rows, "sessionId", projectId)} label="Session" empty="Send a sessionId on your traces (Langfuse sessionId, OTel session.id) to group them into sessions." />
      </ChartCard>
      <ChartCard title="Top users by cost">
        <TopTable entries={prepareTop(users.rows, "userId", projectId)} label="User" empty="Send a userId on your traces (Langfuse userId, OTel user.id) to see who costs most." />
      </ChartCard>
    </DashboardSection>
  );
}
