"use client";

// The trace page's main panel: tree or timeline on the left, the selected observation on the right.
// The list arrives without payloads; the selected observation's payloads are fetched through
// `loadObservation` (a server action the page passes in) and cached for the visit.

import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Tabs } from "@/components/ui/tabs";
import { Button } from "@/components/ui/button";
import { ObservationDetail } from "./observation-detail";
import { ObservationTree } from "./observation-tree";
import { Timeline } from "./timeline";
import { buildTree, parentIds } from "./tree";
import { hasPayloads, type ObservationView } from "@/lib/objects/observation-view";

export interface TraceViewerProps {
  observations: readonly ObservationView[];
  traceStartTime?: string | null;
  traceEndTime?: string | null;
  /** Selected on first render, e.g. from `?observation=` in the page's searchParams. */
  initialSelectedId?: string | null;
  /** The initially selected observation with its payloads, when the page read it already (no fetch then). */
  initialDetail?: ObservationView | null;
  /** Fetches one observation with input/output/metadata. A server action works here. */
  loadObservation?: (id: string) => Promise<ObservationView | null>;
  /** Search param that mirrors the selection (history.replaceState, no server round trip); null to disable. */
  urlParam?: string | null;
  /** Right pane when nothing is selected, e.g. the trace's own input/output. */
  emptyDetail?: ReactNode;
  /** Per-observation buttons in the detail header. Only from a client component (functions don't serialise). */
  detailActions?: (observation: ObservationView) => ReactNode;
  defaultView?: "tree" | "timeline";
}

type View = "tree" | "timeline";
/** Wait before fetching so arrowing through the tree doesn't queue a request per row. */
const LOAD_DELAY_MS = 150;

export function TraceViewer({
  observations,
  traceStartTime,
  traceEndTime,
  initialSelectedId = null,
  initialDetail = null,
  loadObservation,
  urlParam = "observation",
  emptyDetail,
  detailActions,
  defaultView = "tree",
}: TraceViewerProps) {
  const [view, setView] = useState<View>(defaultView);
  const [selectedId, setSelectedId] = useState<string | null>(initialSelectedId);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [loaded, setLoaded] = useState<ReadonlyMap<string, ObservationView>>(() => new Map(initialDetail ? [[initialDetail.id, initialDetail]] : []));
  const [failed, setFailed] = useState<ReadonlyMap<string, string>>(() => new Map());

  const byId = useMemo(() => new Map(observations.map((o) => [o.id, o])), [observations]);
  const listed = selectedId ? byId.get(selectedId) : undefined;
  const selected = selectedId ? (loaded.get(selectedId) ?? listed) : undefined;
  const needsLoad = !!(listed && loadObservation && !hasPayloads(listed) && !loaded.has(listed.id) && !failed.has(listed.id));

  useEffect(() => {
    if (!needsLoad || !selectedId || !loadObservation) return;
    let cancelled = false;
    const id = selectedId;
    const timer = setTimeout(() => {
      loadObservation(id)
        .then((full) => {
          if (cancelled) return;
          if (full) setLoaded((m) => new Map(m).set(id, full));
          else setFailed((m) => new Map(m).set(id, "This observation no longer exists."));
        })
        .catch((err: unknown) => {
          if (!cancelled) setFailed((m) => new Map(m).set(id, err instanceof Error ? err.message : "Request failed"));
        });
    }, LOAD_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [needsLoad, selectedId, loadObservation]);

  const select = (id: string) => {
    setSelectedId(id);
    // Selecting again after a failed fetch retries it.
    if (failed.has(id)) setFailed((m) => new Map([...m].filter(([k]) => k !== id)));
    if (urlParam && typeof window !== "undefined") {
      const url = new URL(window.location.href);
      url.searchParams.set(urlParam, id);
      // Next integrates with the native history API (useSearchParams updates, no server render),
      // but only for a state it does not recognise as its own: passing history.state back in
      // made Next skip the sync, so the page never learned of the new selection. Hence null.
      window.history.replaceState(null, "", url);
    }
  };

  const collapseAll = () => setCollapsed(new Set(parentIds(buildTree(observations))));
  const shared = { observations, selectedId, onSelect: select, collapsed, onCollapsedChange: setCollapsed };

  return (
    <div className="tv-host">
      <div className="tv">
        <div className="tv-pane">
          <div className="tv-pane-head">
            <Tabs<View>
              label="Trace view"
              items={[
                { id: "tree", label: "Tree", count: observations.length },
                { id: "timeline", label: "Timeline" },
              ]}
              value={view}
              onChange={setView}
            />
            <span className="spacer" />
            <Button size="sm" variant="ghost" onClick={() => setCollapsed(new Set())} disabled={collapsed.size === 0}>
              Expand all
            </Button>
            <Button size="sm" variant="ghost" onClick={collapseAll}>
              Collapse all
            </Button>
          </div>
          {view === "tree" ? (
            <ObservationTree {...shared} />
          ) : (
            <Timeline {...shared} traceStartTime={traceStartTime} traceEndTime={traceEndTime} />
          )}
        </div>
        <div className="tv-pane">
          <div className="tv-detail">
            {selected ? (
              <ObservationDetail
                key={selected.id}
                observation={selected}
                traceStartTime={traceStartTime}
                loading={needsLoad}
                error={selectedId ? failed.get(selectedId) : null}
                actions={detailActions?.(selected)}
              />
            ) : (
              (emptyDetail ?? <div className="empty small">Select an observation to see its input, output, usage and timing.</div>)
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
