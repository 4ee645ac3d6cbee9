// The frame every dashboard section shares: a heading, a grid of chart cards,
// a skeleton while its queries run (the page streams section by section), and
// the note a chart shows instead of figures when its view cannot take part of
// the filter (lib/analytics/dashboard/filter.ts). Server components.
import type { ReactNode } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import { ChartEmpty } from "@/components/charts/chart-empty";
import { describeCondition, type NotApplicable } from "@/lib/analytics/dashboard/filter";
import type { Charted } from "@/lib/analytics/dashboard/views";

export function DashboardSection({ id, title, description, columns = 2, children }: { id: string; title: string; description?: ReactNode; columns?: 2 | 3; children: ReactNode }) {
  return (
    <section className="dash-section" aria-labelledby={`dash-${id}`} data-section={id}>
      <header>
        <h2 className="dash-section-title" id={`dash-${id}`}>
          {title}
        </h2>
        {description && <p className="faint small">{description}</p>}
      </header>
      <div className={columns === 3 ? "dash-grid cols-3" : "dash-grid"}>{children}</div>
    </section>
  );
}

export function SectionSkeleton({ title, cards = 2 }: { title: string; cards?: number }) {
  return (
    <section className="dash-section" aria-busy="true" aria-label={`${title}: loading`}>
      <h2 className="dash-section-title">{title}</h2>
      <div className="dash-grid">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="card chart-card">
            <div className="card-body dash-skeleton">
              <span className="skeleton" style={{ width: "40%", height: 14 }} />
              <span className="skeleton" />
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

export function FilterNotApplicable({ items }: { items: readonly NotApplicable[] }) {
  return (
    <div className="chart-na" role="note">
      <p className="strong">Filter not applicable</p>
      <ul>
        {items.map((n, i) => (
          <li key={i}>
            <span className="mono">{describeCondition(n.condition)}</span>: {n.reason}. Remove it to see this chart.
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One chart card: the chart when there is data, its empty state (what to send to fill it) when there is none,
 * or the filter note when its view cannot take the filter.
 */
export function ChartSlot<T>({
  title,
  description,
  charted,
  isEmpty,
  emptyHint,
  wide,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  charted: Charted<T>;
  isEmpty: (data: T) => boolean;
  emptyHint: ReactNode;
  wide?: boolean;
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <ChartCard title={title} description={description} actions={actions} className={wide ? "span-2" : undefined}>
      {!charted.ok ? <FilterNotApplicable items={charted.notApplicable} /> : isEmpty(charted.data) ? <ChartEmpty hint={emptyHint} /> : children(charted.data)}
    </ChartCard>
  );
}
