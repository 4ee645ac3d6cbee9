import "server-only";
// STUB — replaced by the annotation-queues work. Signature is the contract.

export async function listQueueOptions(_projectId: string): Promise<{ id: string; name: string }[]> {
  return [];
}
