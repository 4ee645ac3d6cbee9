"use client";
// "Add to queue" for one trace, observation or session (trace and session pages, observation detail).
import { addItemsToQueue } from "@/lib/queues/actions";
import type { ObjectType } from "@/lib/objects/kinds";
import { QueuePicker } from "./queue-picker";

export function AddToQueueButton({
  projectId,
  objectType,
  objectId,
  queues,
  label,
}: {
  projectId: string;
  objectType: ObjectType;
  objectId: string;
  queues: { id: string; name: string }[];
  label?: string;
}) {
  return <QueuePicker projectId={projectId} queues={queues} label={label} onAdd={(queueId) => addItemsToQueue({ projectId, queueId, objectType, objectIds: [objectId] })} />;
}
