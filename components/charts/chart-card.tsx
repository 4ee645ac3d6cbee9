// The frame of one chart: a title, an optional note and actions, the chart.
// Server-safe (no hooks), so a section can hand it server-rendered children.
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export interface ChartCardProps {
  title: ReactNode;
  /** One line under the title: what is counted, how. */
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function ChartCard({ title, description, actions, className, children }: ChartCardProps) {
  return (
    <section className={cx("card chart-card", className)}>
      <header className="card-head">
        <div className="grow col gap-0">
          <h3 className="card-title">{title}</h3>
          {description && <span className="faint small">{description}</span>}
        </div>
        {actions}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}
