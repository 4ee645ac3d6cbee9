// Reads for "Run experiment": the endpoint as Settings and the dialog see it,
// and a dataset's recent requests for its runs list.
import "server-only";
import { db, type Db } from "../db/client";
import { getEndpoint } from "./endpoint";
import type { TriggerStatus, TriggerView } from "./trigger-schemas";

export const experimentEndpoint = (projectId: string) => getEndpoint(db, projectId);

/** The URL "Run experiment" would send to, or null until both a URL and a secret are set (the dialog then points to Settings). */
export async function sendableEndpointUrl(projectId: string): Promise<string | null> {
  const endpoint = await getEndpoint(db, projectId);
  return endpoint.url && endpoint.secretHint ? endpoint.url : null;
}

/** The newest requests for a dataset, with who sent them (by name, else email). */
export async function listTriggers(client: Db, projectId: string, datasetId: string, limit = 10): Promise<TriggerView[]> {
  const rows = await client.experimentTrigger.findMany({
    where: { projectId, datasetId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
  });
  const userIds = [...new Set(rows.map((r) => r.createdByUserId).filter((u): u is string => !!u))];
  const users = userIds.length ? await client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [];
  const who = new Map(users.map((u) => [u.id, u.name || u.email]));
  return rows.map((r) => ({
    id: r.id,
    datasetId: r.datasetId,
    runName: r.runName,
    url: r.url,
    status: r.status as TriggerStatus,
    httpStatus: r.httpStatus,
    responseHead: r.responseHead,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdByUserId ? (who.get(r.createdByUserId) ?? null) : null,
  }));
}

export const recentTriggers = (projectId: string, datasetId: string, limit?: number) => listTriggers(db, projectId, datasetId, limit);
