// The model row types for domain code, provider-neutral: both generated
// clients come from the same prisma/models.prisma (the schema-drift test keeps
// the per-provider schemas in step), so their row types are the same. Domain
// code imports them from here, never from a generated client's folder.
export type { ModelPrice, Observation, Score, ScoreConfig, Session, Trace } from "./generated/sqlite/client";

import { Prisma } from "./generated/sqlite/client";
/** Prisma's marker for writing SQL NULL into a Json? column (one runtime serves both generated clients). */
export const DbNull = Prisma.DbNull;
