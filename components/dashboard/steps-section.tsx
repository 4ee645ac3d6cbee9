// The dashboard's steps section (server component): which observations cost
// most and take longest across the traces — cost, tokens and p50/p95 latency
// by observation name and type, sortable (?stepsSort=, on the server), with
// bar charts of the costliest and the slowest. Each step opens its
// observations.
import Link from "next/link";
import { TopBarsChart } from "@/components/charts/top-bars-chart";
import { ChartCard } from "@/components/charts/chart-card";
import { formatCost, formatDuration, formatPercent, formatTokens } from "@/components/ui/format";
import type { SectionParams } from "@/lib/analytics/dashboard/run-section";
import { STEPS_LIMIT, stepsRows } from "@/lib/analytics/dashboard/steps-queries";
import { stepObservationsHref } from "@/lib/analytics/dashboard/traces-link";
import { prepareStepBars, prepareSteps, STEP_SORTS, type StepRow, type StepSort } from "@/lib/analytics/prepare/steps";
import { DashboardSection, FilterNotApplicable } from "./section";

export const STEPS_SORT_PARAM = "stepsSort";

/** "p95Latency.desc" → the sort; anything else the default (cost, descending). */
export function parseStepsSort(raw: string | undefined): { id: StepSort; desc: boolean } {
  const [id, dir] = (raw ?? "").split(".");
  if ((STEP_SORTS as readonly string[]).includes(id)) return { id: id as StepSort, desc: dir !== "asc" };
  return { id: "totalCost", desc: true };
}

const COLUMNS: { id: StepSort | null; label: string; num?: boolean; title?: string }[] = [
  { id: "name", label: "Step" },
  { id: null, label: "Type" },
  { id: "count", label: "Count", num: true },
  { id: "totalCost", label: "Cost", num: true, title: "Total cost, and its share of the listed steps' cost" },
  { id: "totalTokens", label: "Tokens (in / out)", num: true },
  { id: "p50Latency", label: "p50", num: true, title: "Median latency (end − start)" },
  { id: "p95Latency", label: "p95", num: true, title: "95th percentile latency" },
];

export async function StepsSection({ projectId, params, sort: rawSort, query }: { projectId: string; params: SectionParams; sort?: string; query: URLSearchParams }) {
  const res = await stepsRows(projectId, params);
  const sort = parseStepsSort(rawSort);
  const steps = res.ok ? prepareSteps(res.rows, sort) : [];
  const href = (s: Pick<StepRow, "name" | "type">) => stepObservationsHref(projectId, params, s);
  const sortHref = (id: StepSort) => {
    const q = new URLSearchParams(query);
    const desc = sort.id === id ? !sort.desc : id !== "name";
    q.set(STEPS_SORT_PARAM, `${id}.${desc ? "desc" : "asc"}`);
    return `?${q.toString()}#dash-steps`;
  };
  const bars = (measure: "totalCost" | "p95Latency") => prepareStepBars(steps, measure).map((b) => ({ key: b.key, label: b.label, value: b.value, href: href(b) }));
  if (!res.ok)
    return (
      <DashboardSection id="steps" title="Steps">
        <ChartCard title="Steps" className="span-2">
          <FilterNotApplicable items={res.notApplicable} />
        </ChartCard>
      </DashboardSection>
    );
  return (
    <DashboardSection id="steps" title="Steps" description="Observations by name and type across the traces: the generation, tool or retrieval step that costs most and takes longest.">
      <ChartCard title="Costliest steps" description="Total cost. Click a step for its observations.">
        <TopBarsChart bars={bars("totalCost")} kind="cost" label="Step cost" emptyHint="Send generations with a model and usage (or a cost) to see which step costs most." />
      </ChartCard>
      <ChartCard title="Slowest steps" description="p95 latency (end − start). Click a step for its observations.">
        <TopBarsChart bars={bars("p95Latency")} kind="duration" label="Step p95 latency" color="#e69f00" emptyHint="Send observations with a start and an end time to see which step is slowest." />
      </ChartCard>
      <ChartCard title="All steps" description="Click a column to sort." className="span-2">
        {steps.length === 0 ? (
          <p className="section-note">No observations in this range.</p>
        ) : (
          <>
            <div className="table-wrap" style={{ maxHeight: 420 }}>
              <table className="table" aria-label="Steps">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => {
                      const active = c.id !== null && sort.id === c.id;
                      return (
                        <th key={c.label} className={c.num ? "num" : undefined} title={c.title} aria-sort={active ? (sort.desc ? "descending" : "ascending") : undefined}>
                          {c.id ? (
                            <Link href={sortHref(c.id)} scroll={false} prefetch={false} className="link" style={{ color: "inherit" }}>
                              {c.label}
                              <span className="sort-ind" aria-hidden>{active ? (sort.desc ? "▼" : "▲") : ""}</span>
                            </Link>
                          ) : (
                            c.label
                          )}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {steps.map((s) => (
                    <tr key={s.id} data-step={s.name ?? ""}>
                      <td className="ellipsis" style={{ maxWidth: 280 }} title={s.name ?? "(unnamed)"}>
                        <Link className="link" href={href(s)} prefetch={false}>{s.name ?? <span className="faint">(unnamed)</span>}</Link>
                      </td>
                      <td className="small muted">{(s.type ?? "").toLowerCase()}</td>
                      <td className="num">{formatTokens(s.count)}</td>
                      <td className="num">
                        {s.totalCost > 0 ? (
                          <>
                            {formatCost(s.totalCost)} <span className="small faint">{formatPercent(s.costShare)}</span>
                          </>
                        ) : (
                          <span className="faint">—</span>
                        )}
                      </td>
                      <td className="num">
                        {formatTokens(s.totalTokens)} <span className="small faint">({formatTokens(s.inputTokens)} / {formatTokens(s.outputTokens)})</span>
                      </td>
                      <td className="num">{s.p50Latency === null ? "—" : formatDuration(s.p50Latency)}</td>
                      <td className="num">{s.p95Latency === null ? "—" : formatDuration(s.p95Latency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {steps.length >= STEPS_LIMIT && <p className="section-note">The {STEPS_LIMIT} costliest steps are listed.</p>}
            </div>
          </>
        )}
      </ChartCard>
    </DashboardSection>
  );
}
