"use client";
// The trace page's viewer with the per-observation actions a reviewer needs
// (detailActions are functions, so they are made here, on the client).
import { useMemo, type ReactNode } from "react";
import { AddToQueueButton } from "@/components/annotate/add-to-queue-button";
import { PromoteButton } from "@/components/promote/promote-button";
import { TraceViewer } from "@/components/trace/trace-viewer";
import { unpackObservations, type PackedObservations } from "@/lib/objects/observation-pack";
import type { ObservationView } from "@/lib/objects/observation-view";

export function TraceReviewViewer(props: {
  projectId: string;
  /** Summaries in columns (the page's payload stays small); unpacked here once. */
  observations: PackedObservations;
  /** The selected observation with its payloads, read with the page. */
  initialDetail: ObservationView | null;
  traceStartTime: string;
  traceEndTime: string | null;
  initialSelectedId: string | null;
  loadObservation: (id: string) => Promise<ObservationView | null>;
  /** Queues to add the selected observation to; null when the viewer's role cannot annotate. */
  queues: { id: string; name: string }[] | null;
  /** Datasets to add the selected observation to; null when the viewer's role cannot annotate. */
  datasets: { id: string; name: string }[] | null;
  traceId: string;
  emptyDetail: ReactNode;
}) {
  const { projectId, queues, datasets, traceId } = props;
  const observations = useMemo(() => unpackObservations(props.observations), [props.observations]);
  return (
    <TraceViewer
      observations={observations}
      initialDetail={props.initialDetail}
      traceStartTime={props.traceStartTime}
      traceEndTime={props.traceEndTime}
      initialSelectedId={props.initialSelectedId}
      loadObservation={props.loadObservation}
      emptyDetail={props.emptyDetail}
      detailActions={
        queues || datasets
          ? (o) => (
              <>
                {queues && <AddToQueueButton projectId={projectId} objectType="OBSERVATION" objectId={o.id} queues={queues} label="Queue observation" />}
                {datasets && <PromoteButton projectId={projectId} datasets={datasets} target={{ kind: "sources", sources: [{ traceId, observationId: o.id }] }} />}
              </>
            )
          : undefined
      }
    />
  );
}
