// What a section says instead of figures when the dashboard's filter has
// conditions its view cannot take (never figures ignoring part of the filter).
import type { NotApplicable } from "@/lib/analytics/dashboard/more-params";

export function NotApplicableNote({ items, what }: { items: readonly NotApplicable[]; what: string }) {
  return (
    <p className="section-note" role="note">
      {what} cannot apply {items.length === 1 ? "this filter condition" : "these filter conditions"}:{" "}
      {items.map((n, i) => (
        <span key={i}>
          {i > 0 && "; "}
          <span className="strong">{n.condition.column}</span> ({n.reason})
        </span>
      ))}
      . Remove {items.length === 1 ? "it" : "them"} to see {what.toLowerCase()}.
    </p>
  );
}
