// The objects reviewers annotate (score, comment, queue): one union and one
// reference shape for every module that names one. Pure: forms and client
// components import it. Datasets add "DATASET_ITEM" and "DATASET_RUN" here;
// the Record below and the resolver's switch then name every place to extend.

export const OBJECT_TYPES = ["TRACE", "OBSERVATION", "SESSION"] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** One annotated object: its kind and its client-chosen id (scoped to a project). */
export interface ObjectRef {
  objectType: ObjectType;
  objectId: string;
}

/** How the UI and messages name each kind (lowercase; capitalise at the call site). */
export const OBJECT_LABELS: Record<ObjectType, string> = {
  TRACE: "trace",
  OBSERVATION: "observation",
  SESSION: "session",
};

export function isObjectType(v: unknown): v is ObjectType {
  return typeof v === "string" && (OBJECT_TYPES as readonly string[]).includes(v);
}

/** A stored `objectType` column (a plain string in the database) as the union; unknown values are a bug, not input. */
export function objectTypeOf(stored: string): ObjectType {
  if (!isObjectType(stored)) throw new Error(`Unknown object type ${JSON.stringify(stored)}`);
  return stored;
}
