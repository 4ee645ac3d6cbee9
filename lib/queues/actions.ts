"use server";
// STUB — replaced by the annotation-queues work. Signature is the contract.
import type { FormState } from "../forms";

export async function addItemsToQueue(
  _projectId: string,
  _queueId: string,
  _objectType: "TRACE" | "OBSERVATION" | "SESSION",
  _objectIds: string[],
): Promise<FormState<{ added: number }>> {
  return { ok: false, error: "Annotation queues are not built yet." };
}
