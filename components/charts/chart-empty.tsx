// A chart with nothing to draw: says what to send to fill it.
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

export function ChartEmpty({ title = "No data in this range", hint }: { title?: string; hint: ReactNode }) {
  return <EmptyState title={title} description={hint} className="chart-empty" />;
}
