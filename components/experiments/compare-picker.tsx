// Choosing the runs to compare and the baseline: a GET form, newest runs first.
import type { PickerRun } from "@/lib/experiments/compare-queries";
import { buttonClass } from "../ui/button";
import { formatDate } from "../ui/format";

export function CompareRunPicker({ base, runs, chosen, baselineId }: { base: string; runs: PickerRun[]; chosen: string[]; baselineId: string | null }) {
  return (
    <form method="get" action={base} className="cmp-picker" aria-label="Choose runs">
      <table className="table">
        <thead>
          <tr>
            <th>Compare</th>
            <th>Baseline</th>
            <th>Run</th>
            <th className="num">Items</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            <tr key={r.id}>
              <td>
                <input type="checkbox" name="runs" value={r.id} defaultChecked={chosen.length ? chosen.includes(r.id) : i < 2} aria-label={`Compare ${r.name}`} />
              </td>
              <td>
                <input type="radio" name="baseline" value={r.id} defaultChecked={baselineId ? baselineId === r.id : i === 1} aria-label={`${r.name} as baseline`} />
              </td>
              <td className="wrap-cell">
                <span className="strong">{r.name}</span>
                {r.description && <div className="small muted">{r.description}</div>}
              </td>
              <td className="num">{r.items.toLocaleString("en-US")}</td>
              <td className="small muted">{formatDate(r.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">Tick two or more runs and choose the baseline the others are measured against.</p>
      <button type="submit" className={buttonClass({ variant: "primary", size: "sm" })}>
        Compare
      </button>
    </form>
  );
}
