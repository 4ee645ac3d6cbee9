"use client";
// The reviewer's side: one control per queue config, with keyboard shortcuts.
// 1-9 pick a value of the active config (categorical/boolean) and move on; for a
// numeric config any digit focuses its field. ↑/↓ (or j/k) change the active
// config; Enter or c completes and opens the next item; s skips; b or ← goes back.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Input } from "@/components/ui/input";
import { CorrectionEditor } from "@/components/annotate/correction-editor";
import { completeQueueItem, holdQueueItem, previousQueueItem, skipQueueItem } from "@/lib/queues/actions";
import { configOptions, describeConfig, type ScoreConfigView } from "@/lib/scores/schemas";
import type { reviewItem } from "@/lib/queues/queries";
import type { CorrectionContext } from "@/lib/scores/queries";

type Item = NonNullable<Awaited<ReturnType<typeof reviewItem>>>;
type Values = Record<string, { value: string; comment: string }>;

const SHORTCUTS: [string, string][] = [
  ["1–9", "pick a value"],
  ["↑ ↓ / j k", "change score"],
  ["Enter / c", "complete & next"],
  ["s", "skip"],
  ["b / ←", "back"],
  ["Esc", "leave a field"],
];

const isField = (el: EventTarget | null) => el instanceof HTMLElement && !!el.closest("input, textarea, select, [contenteditable=true]");

export function ReviewForm({
  projectId,
  queueId,
  item,
  configs,
  correction,
}: {
  projectId: string;
  queueId: string;
  item: Item;
  configs: ScoreConfigView[];
  /** traces and observations: the output to correct and the reviewer's correction */
  correction: CorrectionContext | null;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => Object.fromEntries(configs.map((c) => [c.id, item.existing[c.id] ?? { value: "", comment: "" }])));
  const [active, setActive] = useState(0);
  const [heldBy, setHeldBy] = useState(item.heldByOther);
  const [message, setMessage] = useState<string>();
  const [pending, start] = useTransition();
  const numberRefs = useRef<Record<string, HTMLInputElement | null>>({});
  // An unsaved correction is saved with the scores on "Complete"; a saved one counts as reviewing.
  const saveCorrection = useRef<(() => Promise<string | undefined>) | null>(null);
  const [hasCorrection, setHasCorrection] = useState(!!correction?.own);
  const base = `/${projectId}/queues/${queueId}`;

  // Opening an item (also by a shared link) holds it for this reviewer when free.
  useEffect(() => {
    if (item.status !== "PENDING") return;
    holdQueueItem({ projectId, itemId: item.id }).then((res) => {
      if (res.ok && res.data && !res.data.held) setHeldBy((h) => h ?? "Another reviewer");
    });
  }, [projectId, item.id, item.status]);

  const go = useCallback((itemId: string | null | undefined) => router.push(itemId ? `${base}?item=${itemId}` : base), [router, base]);

  const set = (configId: string, patch: Partial<{ value: string; comment: string }>) => setValues((v) => ({ ...v, [configId]: { ...v[configId], ...patch } }));

  const complete = useCallback(() => {
    if (pending) return;
    const unsaved = saveCorrection.current;
    if (!configs.some((c) => (values[c.id]?.value ?? "") !== "") && !hasCorrection && !unsaved) {
      setMessage("Set at least one score (or write a correction) before completing, or press s to skip this item.");
      return;
    }
    start(async () => {
      if (unsaved) {
        const failed = await unsaved();
        if (failed) return setMessage(failed);
      }
      const res = await completeQueueItem({ projectId, itemId: item.id, values: configs.map((c) => ({ configId: c.id, value: values[c.id]?.value ?? "", comment: values[c.id]?.comment || undefined })) });
      if (!res.ok) setMessage(res.error);
      else go(res.data?.itemId);
    });
  }, [pending, projectId, item.id, configs, values, go, hasCorrection]);

  // Skip and back move to another item, or say why there is none.
  const move = useCallback(
    (fn: () => Promise<{ ok?: boolean; error?: string; data?: { itemId: string | null } }>, none: string) => {
      if (pending) return;
      start(async () => {
        const res = await fn();
        if (!res.ok) setMessage(res.error);
        else if (res.data?.itemId) go(res.data.itemId);
        else setMessage(none);
      });
    },
    [pending, go],
  );
  const skip = useCallback(() => move(() => skipQueueItem({ projectId, itemId: item.id }), "No other item to move to: this is the only one left."), [move, projectId, item.id]);
  const back = useCallback(() => move(() => previousQueueItem({ projectId, itemId: item.id }), "This is the first item you can go back to."), [move, projectId, item.id]);

  // A layout effect: the shortcuts work from the moment the item is on screen (no key lost after navigating).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (isField(e.target)) {
        if (e.key === "Escape") (e.target as HTMLElement).blur();
        else if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
          e.preventDefault();
          complete();
        }
        return;
      }
      if (isField(document.activeElement) || (e.target instanceof HTMLElement && e.target.closest("button, a") && e.key === "Enter")) return;
      const config = configs[active];
      // A numeric score starts with whatever is typed (0.4, -1, 12); 1–9 pick an option otherwise.
      const startsNumber = config?.dataType === "NUMERIC" && /^[0-9.-]$/.test(e.key);
      if ((startsNumber || /^[1-9]$/.test(e.key)) && config) {
        e.preventDefault();
        if (config.dataType === "NUMERIC") {
          const el = numberRefs.current[config.id];
          el?.focus();
          set(config.id, { value: e.key });
          return;
        }
        const option = configOptions(config)[Number(e.key) - 1];
        if (!option) return;
        set(config.id, { value: option.value });
        setActive((a) => Math.min(a + 1, configs.length - 1));
      } else if (e.key === "ArrowDown" || e.key === "j") {
        e.preventDefault();
        setActive((a) => Math.min(a + 1, configs.length - 1));
      } else if (e.key === "ArrowUp" || e.key === "k") {
        e.preventDefault();
        setActive((a) => Math.max(a - 1, 0));
      } else if (e.key === "Enter" || e.key === "c") {
        e.preventDefault();
        complete();
      } else if (e.key === "s") {
        e.preventDefault();
        skip();
      } else if (e.key === "b" || e.key === "ArrowLeft") {
        e.preventDefault();
        back();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [active, configs, complete, skip, back]);

  return (
    // Not sticky with a correction editor: it is taller than the window.
    <aside className="card" aria-label="Scores for this item" style={correction ? undefined : { position: "sticky", top: 16 }}>
      <div className="card-head">
        <h2 className="card-title grow">Scores</h2>
        {pending && <span className="spinner" aria-label="Saving" />}
      </div>
      <div className="card-body col gap-3">
        {heldBy && (
          <Alert tone="warning" title={`${heldBy} is reviewing this item`}>
            Skip to another item; their hold ends after 10 minutes of inactivity.
          </Alert>
        )}
        {configs.length === 0 && <p className="muted small">This queue's score configs were archived. Complete items without scores, or create a new queue.</p>}
        {configs.map((c, i) => {
          const v = values[c.id] ?? { value: "", comment: "" };
          const options = configOptions(c);
          return (
            <section
              key={c.id}
              className={cx("col gap-1")}
              style={{ padding: 8, borderRadius: 6, border: `1px solid ${i === active ? "var(--accent)" : "var(--border)"}`, background: i === active ? "var(--accent-soft)" : undefined }}
              onClick={() => setActive(i)}
              aria-current={i === active ? "true" : undefined}
              aria-label={c.name}
            >
              <div className="row gap-2">
                <span className="strong">{c.name}</span>
                <span className="small faint">{describeConfig(c)}</span>
              </div>
              {c.description && <span className="small muted">{c.description}</span>}
              {c.dataType === "NUMERIC" ? (
                <input
                  className="input input-sm"
                  ref={(el) => {
                    numberRefs.current[c.id] = el;
                  }}
                  type="number"
                  step="any"
                  aria-label={`${c.name} value`}
                  min={c.minValue ?? undefined}
                  max={c.maxValue ?? undefined}
                  value={v.value}
                  onFocus={() => setActive(i)}
                  onChange={(e) => set(c.id, { value: e.target.value })}
                  style={{ width: 140 }}
                />
              ) : (
                <div className="row gap-1 wrap" role="radiogroup" aria-label={`${c.name} value`}>
                  {options.map((o, n) => (
                    <button
                      key={o.value}
                      type="button"
                      role="radio"
                      aria-checked={v.value === o.value}
                      className={cx("btn btn-sm", v.value === o.value ? "btn-primary" : "btn-secondary")}
                      onClick={() => set(c.id, { value: v.value === o.value ? "" : o.value })}
                    >
                      {n < 9 && <kbd className={v.value === o.value ? undefined : "faint"}>{n + 1}</kbd>} {o.label}
                    </button>
                  ))}
                </div>
              )}
              <Input size="sm" aria-label={`${c.name} comment`} placeholder="Comment (optional)" value={v.comment} onFocus={() => setActive(i)} onChange={(e) => set(c.id, { comment: e.target.value })} />
            </section>
          );
        })}
        {correction && (item.objectType === "TRACE" || item.objectType === "OBSERVATION") && (
          <CorrectionEditor
            projectId={projectId}
            objectType={item.objectType}
            objectId={item.objectId}
            output={correction.output}
            outputCut={correction.outputCut}
            correction={correction.own}
            other={correction.latest && correction.latest.id !== correction.own?.id ? correction.latest : null}
            canAnnotate
            queueId={queueId}
            saveRef={saveCorrection}
            onSavedChange={setHasCorrection}
            layout="stack"
          />
        )}
        {message && (
          <div className="small muted" role="status">
            {message}
          </div>
        )}
        <div className="row gap-2 wrap">
          <Button variant="primary" onClick={complete} loading={pending} disabled={!!heldBy}>
            Complete & next <kbd>↵</kbd>
          </Button>
          <Button onClick={skip} disabled={pending}>
            Skip <kbd>s</kbd>
          </Button>
          <Button variant="ghost" onClick={back} disabled={pending}>
            Back <kbd>b</kbd>
          </Button>
        </div>
        <dl className="kv small" aria-label="Keyboard shortcuts">
          {SHORTCUTS.map(([k, label]) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd className="muted">{label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </aside>
  );
}
