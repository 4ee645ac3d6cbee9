// Does an annotated object exist in this project, and where does a score on it
// point (an observation's trace included)? The one place that maps a kind to
// its table, so scores, comments and queues agree.
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import { OBJECT_LABELS, type ObjectRef, type ObjectType } from "./kinds";

/** The Score/target columns an object stands for: an observation carries its trace. */
export interface ObjectTarget {
  traceId: string | null;
  observationId: string | null;
  sessionId: string | null;
}

/** The object's target, or null when the project has no such object. */
export async function resolveObject(client: Db, projectId: string, ref: ObjectRef): Promise<ObjectTarget | null> {
  const key = { projectId_id: { projectId, id: ref.objectId } };
  switch (ref.objectType) {
    case "TRACE": {
      const t = await client.trace.findUnique({ where: key, select: { id: true } });
      return t ? { traceId: t.id, observationId: null, sessionId: null } : null;
    }
    case "OBSERVATION": {
      const o = await client.observation.findUnique({ where: key, select: { id: true, traceId: true } });
      return o ? { traceId: o.traceId, observationId: o.id, sessionId: null } : null;
    }
    case "SESSION": {
      const s = await client.session.findUnique({ where: key, select: { id: true } });
      return s ? { traceId: null, observationId: null, sessionId: s.id } : null;
    }
    default:
      return unreachable(ref.objectType);
  }
}

/** As resolveObject, but a missing object is a not_found error naming it. */
export async function requireObject(client: Db, projectId: string, ref: ObjectRef): Promise<ObjectTarget> {
  const target = await resolveObject(client, projectId, ref);
  if (!target) {
    const label = OBJECT_LABELS[ref.objectType];
    throw new DomainError("not_found", `${label[0].toUpperCase()}${label.slice(1)} ${ref.objectId} not found`);
  }
  return target;
}

/** The ids among `ids` that name an existing object of the kind in the project (chunked for big selections). */
export async function existingObjectIds(client: Db, projectId: string, objectType: ObjectType, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const where = { projectId, id: { in: ids.slice(i, i + 1000) } };
    const select = { id: true } as const;
    let rows: { id: string }[];
    switch (objectType) {
      case "TRACE":
        rows = await client.trace.findMany({ where, select });
        break;
      case "OBSERVATION":
        rows = await client.observation.findMany({ where, select });
        break;
      case "SESSION":
        rows = await client.session.findMany({ where, select });
        break;
      default:
        return unreachable(objectType);
    }
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** A new kind in OBJECT_TYPES makes every switch above fail to compile until it is handled. */
function unreachable(kind: never): never {
  throw new Error(`Unhandled object type ${String(kind)}`);
}
