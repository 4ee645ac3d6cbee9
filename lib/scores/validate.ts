// Checks a score against its config (range, categories, data type), for scores
// from the API and from reviewers alike.
import type { Db } from "../db/client";
import { DomainError } from "../errors";

export interface ConfigCheckInput {
  configId?: string | null;
  name: string;
  value: number | string;
  dataType?: string | null;
}

type Category = { label: string; value: number };

export interface CheckedScore {
  dataType: string;
  value: number | string;
  /** A categorical score's label when `value` is the category's number (both are stored, as Langfuse does). */
  stringValue?: string;
}

/** Returns the dataType and the value to store; throws a DomainError naming the field. */
export async function checkAgainstConfig(client: Db, projectId: string, s: ConfigCheckInput): Promise<CheckedScore> {
  if (!s.configId) return { dataType: s.dataType ?? (typeof s.value === "number" ? "NUMERIC" : "CATEGORICAL"), value: s.value };
  const config = await client.scoreConfig.findFirst({ where: { id: s.configId, projectId } });
  if (!config) throw new DomainError("not_found", `score config ${s.configId} not found in this project`, { path: "configId", issue: "not found" });
  if (config.isArchived) throw new DomainError("invalid", `score config "${config.name}" is archived`, { path: "configId", issue: "archived" });
  if (s.dataType && s.dataType !== config.dataType) {
    throw new DomainError("invalid", `config "${config.name}" is ${config.dataType}`, { path: "dataType", issue: `must be ${config.dataType}` });
  }
  const bad = (issue: string) => new DomainError("invalid", issue, { path: "value" });
  if (config.dataType === "NUMERIC") {
    if (typeof s.value !== "number") throw bad("must be a number");
    if (config.minValue !== null && s.value < config.minValue) throw bad(`must be at least ${config.minValue}`);
    if (config.maxValue !== null && s.value > config.maxValue) throw bad(`must be at most ${config.maxValue}`);
    return { dataType: "NUMERIC", value: s.value };
  }
  if (config.dataType === "BOOLEAN") {
    if (s.value !== 0 && s.value !== 1) throw bad("must be 0 or 1");
    return { dataType: "BOOLEAN", value: s.value };
  }
  const categories = (config.categories as Category[] | null) ?? [];
  const match = categories.find((c) => c.label === s.value || c.value === s.value);
  if (!match) throw bad(`must be one of ${categories.map((c) => c.label).join(", ")}`);
  return { dataType: "CATEGORICAL", value: match.value, stringValue: match.label };
}
