// Observation updates that name no trace and arrive before their create
// (Langfuse SDKs send `span-update {id}` without a traceId). They must not
// invent a trace of their own id: the folded update is held, with its field
// stamps, in PendingObservation until a create names the trace; then it is
// merged like any earlier event and deleted. Held rows are read by nothing else.
import { sql } from "../db/sql";
import type { ObservationEvent } from "./events";
import type { Folded } from "./fold";
import type { WriteStore } from "./store";

type HeldUpdate = Folded<ObservationEvent>;

const DATES = ["startTime", "endTime", "completionStartTime"] as const;

function decode(v: unknown): HeldUpdate {
  const held = (typeof v === "string" ? JSON.parse(v) : v) as HeldUpdate;
  const e = held.event as unknown as Record<string, unknown>;
  for (const k of DATES) if (typeof e[k] === "string") e[k] = new Date(e[k] as string);
  return held;
}

export async function loadHeld(store: WriteStore, projectId: string, ids: string[]): Promise<Map<string, HeldUpdate>> {
  const out = new Map<string, HeldUpdate>();
  if (!ids.length) return out;
  const rows = await store.query(
    store.dialect.rowsByKeys(sql`"id", "event"`, sql`"PendingObservation"`, projectId, sql`"id"`, ids),
  );
  for (const r of rows) out.set(String(r.id), decode(r.event));
  return out;
}

export async function saveHeld(store: WriteStore, projectId: string, held: ReadonlyMap<string, HeldUpdate>, now: Date) {
  const json = store.dialect.provider === "postgresql" ? (v: string) => sql`${v}::jsonb` : (v: string) => sql`${v}`;
  for (const [id, update] of held) {
    await store.exec(sql`INSERT INTO "PendingObservation" ("projectId", "id", "event", "createdAt", "updatedAt")
      VALUES (${projectId}, ${id}, ${json(JSON.stringify(update))}, ${now}, ${now})
      ON CONFLICT ("projectId", "id") DO UPDATE SET "event" = excluded."event", "updatedAt" = excluded."updatedAt"`);
  }
}

export async function releaseHeld(store: WriteStore, projectId: string, ids: Iterable<string>) {
  const list = [...ids];
  if (!list.length) return;
  await store.exec(sql`DELETE FROM "PendingObservation" WHERE "projectId" = ${projectId} AND ${store.dialect.inList(sql`"id"`, list)}`);
}
