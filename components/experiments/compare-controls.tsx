// The compare view's controls: filter, diff mode, sort and the pass rule of
// each score name. Links and GET forms over the URL state (lib/experiments/
// compare-url.ts), so every view is a shareable link and no script is needed.
import Link from "next/link";
import { compareHref, compareSearch, sortParam, type CompareState, type DiffMode } from "@/lib/experiments/compare-url";
import type { CompareFilter } from "@/lib/experiments/deltas";
import { describePassRule, formatPassRule, PASS_PARAM_PREFIX, type ResolvedRule } from "@/lib/experiments/thresholds";
import { buttonClass } from "../ui/button";
import { cx } from "../ui/cx";

/** The state as hidden fields, except the ones the form sets itself. */
function Hidden({ state, except }: { state: CompareState; except: (key: string) => boolean }) {
  return (
    <>
      {[...compareSearch({ ...state, page: 1 }).entries()]
        .filter(([k]) => !except(k))
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
    </>
  );
}

function Segmented<T extends string>({ label, options, value, href }: { label: string; options: [T, string][]; value: T; href: (v: T) => string }) {
  return (
    <div className="row gap-1" role="group" aria-label={label}>
      <span className="small muted">{label}</span>
      {options.map(([v, text]) => (
        <Link key={v} href={href(v)} className={cx(buttonClass({ size: "sm", variant: v === value ? "primary" : "secondary" }))} aria-current={v === value ? "true" : undefined}>
          {text}
        </Link>
      ))}
    </div>
  );
}

export function CompareControls({ base, state, scoreNames }: { base: string; state: CompareState; scoreNames: string[] }) {
  const filters: [CompareFilter, string][] = [
    ["all", "All items"],
    ["regressions", "Regressions only"],
    ["improvements", "Improvements only"],
    ["changed", "Changed only"],
  ];
  const diffs: [DiffMode, string][] = [
    ["none", "No diff"],
    ["expected", "Diff vs expected"],
    ["baseline", "Diff vs baseline"],
  ];
  const current = state.sort.by === "dataset" ? "dataset" : sortParam(state.sort);
  return (
    <div className="cmp-controls">
      <Segmented label="Show" options={filters} value={state.filter} href={(filter) => compareHref(base, state, { filter })} />
      <Segmented label="Output" options={diffs} value={state.diff} href={(diff) => compareHref(base, state, { diff, page: state.page })} />
      <form method="get" action={base} className="row gap-1" aria-label="Sort">
        <Hidden state={state} except={(k) => k === "sort" || k === "dir"} />
        <label className="small muted" htmlFor="cmp-sort">
          Sort
        </label>
        <select id="cmp-sort" name="sort" defaultValue={current} className="select input-sm">
          <option value="dataset">dataset order</option>
          {scoreNames.map((n) => (
            <option key={n} value={`score:${n}`}>{`Δ ${n}`}</option>
          ))}
          <option value="latency">Δ latency</option>
          <option value="cost">Δ cost</option>
        </select>
        <select name="dir" defaultValue={state.sort.by === "dataset" ? "" : state.sort.dir} className="select input-sm" aria-label="Direction">
          <option value="">default direction</option>
          <option value="asc">ascending (drops first)</option>
          <option value="desc">descending (rises first)</option>
        </select>
        <button type="submit" className={buttonClass({ size: "sm" })}>
          Sort
        </button>
      </form>
    </div>
  );
}

export function ThresholdEditor({ base, state, rules, categories }: { base: string; state: CompareState; rules: Record<string, ResolvedRule>; categories: Record<string, string[]> }) {
  const names = Object.keys(rules);
  if (!names.length) return null;
  return (
    <details className="cmp-thresholds" open={Object.keys(state.rules).length > 0}>
      <summary className="small">Pass rules: {names.map((n) => `${n} ${describePassRule(rules[n]!.rule)}`).join(" · ")}</summary>
      <form method="get" action={base} className="cmp-threshold-form" aria-label="Pass rules">
        <Hidden state={state} except={(k) => k.startsWith(PASS_PARAM_PREFIX)} />
        {names.map((n) => {
          const r = rules[n]!;
          const id = `cmp-pass-${n}`;
          return (
            <div key={n} className="cmp-threshold">
              <label htmlFor={id} className="mono small">
                {n}
              </label>
              <input
                id={id}
                name={`${PASS_PARAM_PREFIX}${n}`}
                className="input input-sm mono"
                defaultValue={r.source === "url" ? formatPassRule(r.rule) : ""}
                placeholder={formatPassRule(r.rule)}
                aria-describedby={`${id}-hint`}
              />
              <span id={`${id}-hint`} className="small muted">
                {r.source === "url" ? "set here" : `default ${describePassRule(r.rule)} (${r.source === "config" ? "from the score config" : "from the values"})`}
                {categories[n] && ` · categories: ${categories[n].join("|")}`}
              </span>
            </div>
          );
        })}
        <p className="small muted">
          <span className="mono">&gt;=0.8</span>, <span className="mono">&lt;=2</span> (lower passes), <span className="mono">true</span>, <span className="mono">good|ok</span> (categories), <span className="mono">none</span>; empty for the default.
        </p>
        <button type="submit" className={buttonClass({ size: "sm", variant: "primary" })}>
          Apply pass rules
        </button>
      </form>
    </details>
  );
}
