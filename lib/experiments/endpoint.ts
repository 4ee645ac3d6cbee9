// The project's experiment endpoint (Settings → Experiment endpoint): where
// "Run experiment" POSTs, and the secret that signs those POSTs. The secret has
// to be sent, so it is stored as given; it never leaves the server again
// (Settings shows its last 4 characters).
import "server-only";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { maskSecret, type EndpointFormInput, type EndpointView } from "./trigger-schemas";

export async function getEndpoint(client: Db, projectId: string): Promise<EndpointView> {
  const p = await client.project.findUnique({ where: { id: projectId }, select: { experimentUrl: true, experimentSecret: true } });
  if (!p) throw new DomainError("not_found", "That project does not exist.");
  return { url: p.experimentUrl, secretHint: p.experimentSecret ? maskSecret(p.experimentSecret) : null };
}

/** URL and secret for sending, or null when either is missing. */
export async function endpointForSending(client: Db, projectId: string): Promise<{ url: string; secret: string } | null> {
  const p = await client.project.findUnique({ where: { id: projectId }, select: { experimentUrl: true, experimentSecret: true } });
  return p?.experimentUrl && p.experimentSecret ? { url: p.experimentUrl, secret: p.experimentSecret } : null;
}

/** Saves the URL, and the secret when one is given; the first save needs one (an unsigned request is never sent). */
export async function saveEndpoint(client: Db, projectId: string, input: Omit<EndpointFormInput, "projectId">): Promise<EndpointView> {
  const current = await client.project.findUnique({ where: { id: projectId }, select: { experimentSecret: true } });
  if (!current) throw new DomainError("not_found", "That project does not exist.");
  const secret = input.secret || null;
  if (!secret && !current.experimentSecret) throw new DomainError("invalid", "Enter a signing secret or generate one", { path: "secret" });
  const p = await client.project.update({
    where: { id: projectId },
    data: { experimentUrl: input.url, ...(secret ? { experimentSecret: secret } : {}) },
    select: { experimentUrl: true, experimentSecret: true },
  });
  return { url: p.experimentUrl, secretHint: p.experimentSecret ? maskSecret(p.experimentSecret) : null };
}

export async function clearEndpoint(client: Db, projectId: string): Promise<void> {
  await client.project.update({ where: { id: projectId }, data: { experimentUrl: null, experimentSecret: null } });
}
