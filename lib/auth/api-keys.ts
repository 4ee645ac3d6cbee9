// Project API keys: a public key (pk-lf-...) and a secret (sk-lf-...) shown
// once. Only a SHA-256 of the secret is stored: secrets are 122 random bits, so
// a slow KDF adds nothing but latency on every API request.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { db, type Db } from "../db/client";
import { ApiError } from "../http/errors";

export interface ApiPrincipal {
  projectId: string;
  apiKeyId: string;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function displaySecret(secret: string): string {
  return `${secret.slice(0, 6)}...${secret.slice(-4)}`;
}

export function generateKeyPair(): { publicKey: string; secretKey: string } {
  return { publicKey: `pk-lf-${randomUUID()}`, secretKey: `sk-lf-${randomUUID()}` };
}

export async function createApiKey(
  projectId: string,
  opts: { note?: string; publicKey?: string; secretKey?: string } = {},
  client: Db = db,
) {
  const pair = opts.publicKey && opts.secretKey ? { publicKey: opts.publicKey, secretKey: opts.secretKey } : generateKeyPair();
  const key = await client.apiKey.create({
    data: {
      projectId,
      publicKey: pair.publicKey,
      secretHash: hashSecret(pair.secretKey),
      displaySecret: displaySecret(pair.secretKey),
      note: opts.note || null,
    },
  });
  return { id: key.id, publicKey: pair.publicKey, secretKey: pair.secretKey };
}

export async function revokeApiKey(projectId: string, keyId: string, client: Db = db): Promise<boolean> {
  const res = await client.apiKey.updateMany({
    where: { id: keyId, projectId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return res.count > 0;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseBasic(header: string | null): { publicKey: string; secretKey: string } {
  if (!header) {
    throw new ApiError("unauthorized", "Missing Authorization header: use HTTP Basic auth with publicKey:secretKey");
  }
  const [scheme, value] = header.split(" ");
  if (scheme?.toLowerCase() !== "basic" || !value) {
    throw new ApiError("unauthorized", "Authorization must be HTTP Basic with publicKey:secretKey");
  }
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) throw new ApiError("unauthorized", "Authorization must be HTTP Basic with publicKey:secretKey");
  return { publicKey: decoded.slice(0, colon), secretKey: decoded.slice(colon + 1) };
}

export async function authenticateApiKey(header: string | null, client: Db = db): Promise<ApiPrincipal> {
  const { publicKey, secretKey } = parseBasic(header);
  const hash = hashSecret(secretKey);
  // No cache: one indexed read per request keeps revocation immediate, even across processes.
  const key = await client.apiKey.findUnique({ where: { publicKey } });
  if (!key || !sameHash(key.secretHash, hash)) throw new ApiError("unauthorized", "Invalid API key: unknown public key or wrong secret key");
  if (key.revokedAt) throw new ApiError("unauthorized", "This API key has been revoked");
  const principal = { projectId: key.projectId, apiKeyId: key.id };
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await client.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return principal;
}
