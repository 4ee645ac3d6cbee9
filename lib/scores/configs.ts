// Score configs: create, archive/restore and read. Functions take the client so
// integration tests call them on each database; actions.ts wraps them for the UI.
import type { Db } from "../db/client";
import { decode } from "../db/sql";
import { fail, isUniqueViolation, ok, type Result } from "../errors";
import { CONFIG_DATA_TYPES, type Category, type ConfigDataType, type CreateConfigInput, type ScoreConfigView } from "./schemas";

type ConfigRow = {
  id: string;
  name: string;
  dataType: string;
  minValue: number | null;
  maxValue: number | null;
  categories: unknown;
  description: string | null;
  isArchived: boolean;
};

export function toConfigView(r: ConfigRow): ScoreConfigView {
  const dataType = (CONFIG_DATA_TYPES as readonly string[]).includes(r.dataType) ? (r.dataType as ConfigDataType) : "NUMERIC";
  const raw = decode.json<unknown>(r.categories, null);
  const categories = Array.isArray(raw)
    ? raw.filter((c): c is Category => typeof c === "object" && c !== null && typeof (c as Category).label === "string").map((c) => ({ label: c.label, value: Number(c.value) }))
    : [];
  return { id: r.id, name: r.name, dataType, minValue: r.minValue, maxValue: r.maxValue, categories, description: r.description, isArchived: r.isArchived };
}

export async function listConfigs(client: Db, projectId: string, opts: { includeArchived?: boolean } = {}): Promise<ScoreConfigView[]> {
  const rows = await client.scoreConfig.findMany({
    where: { projectId, ...(opts.includeArchived ? {} : { isArchived: false }) },
    orderBy: [{ isArchived: "asc" }, { name: "asc" }],
  });
  return rows.map(toConfigView);
}

export async function createConfig(client: Db, input: CreateConfigInput): Promise<Result<ScoreConfigView>> {
  try {
    const row = await client.scoreConfig.create({
      data: {
        projectId: input.projectId,
        name: input.name,
        dataType: input.dataType,
        minValue: input.minValue,
        maxValue: input.maxValue,
        categories: input.dataType === "CATEGORICAL" ? input.categories : undefined,
        description: input.description,
      },
    });
    return ok(toConfigView(row));
  } catch (err) {
    // Names stay unique even when archived: scores refer to configs by name in filters and charts.
    if (isUniqueViolation(err)) return fail("conflict", `A score config named "${input.name}" already exists (it may be archived).`, { path: "name" });
    throw err;
  }
}

/** Archive instead of delete: existing scores keep pointing at their config. */
export async function setConfigArchived(client: Db, projectId: string, configId: string, archived: boolean): Promise<boolean> {
  const res = await client.scoreConfig.updateMany({ where: { id: configId, projectId }, data: { isArchived: archived } });
  return res.count === 1;
}
