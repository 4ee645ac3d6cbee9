// Promotion rules: create, edit, switch on and off, delete, read. Functions
// take the client so integration tests run them on both databases.
import "server-only";
import type { Db } from "../../db/client";
import { DomainError, isUniqueViolation } from "../../errors";
import { isoAlways as iso, isoOrNull } from "../../iso";
import { filterSchema, type Filter } from "../../query/filter";
import { checkSampleRate } from "../../query/sample";
import { checkTraceFilter } from "../../traces/where";
import { requireDataset } from "../datasets";
import { DEFAULT_MAPPING, mappingSchema, type Mapping } from "../mapping";
import type { RuleView } from "./schemas";

export interface RuleWrite {
  name: string;
  datasetId: string;
  filter: Filter;
  mapping: Mapping;
  /** 0..1 */
  sampleRate: number;
  enabled: boolean;
}

export type RuleRow = Awaited<ReturnType<Db["promotionRule"]["findFirstOrThrow"]>>;

/** A stored rule's filter; one that no longer parses (a model change) reads as null, and the rule is skipped. */
export function ruleFilter(row: Pick<RuleRow, "filter">): Filter | null {
  const r = filterSchema.safeParse(row.filter);
  return r.success ? r.data : null;
}

export function ruleMapping(row: Pick<RuleRow, "mapping">): Mapping {
  const r = mappingSchema.safeParse(row.mapping);
  return r.success ? r.data : DEFAULT_MAPPING;
}

export function ruleView(row: RuleRow, datasetName: string | null): RuleView {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    datasetId: row.datasetId,
    datasetName,
    filter: ruleFilter(row) ?? [],
    mapping: ruleMapping(row),
    sampleRate: row.sampleRate,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    itemsCreated: row.itemsCreated,
    lastMatchAt: isoOrNull(row.lastMatchAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The checks the schema cannot make: the filter fits the traces view, at least one condition, a rate in 0..1. */
function check(input: RuleWrite) {
  if (!input.filter.length) throw new DomainError("invalid", "Add at least one condition: a rule without one would promote every trace.", { path: "conditions" });
  checkTraceFilter(input.filter);
  checkSampleRate(input.sampleRate);
}

/** Everything createRule/updateRule refuse, but the dataset: for a form that creates the dataset too. */
export async function checkRule(client: Db, projectId: string, input: RuleWrite, ruleId: string | null): Promise<void> {
  check(input);
  const taken = await client.promotionRule.findFirst({ where: { projectId, name: input.name, ...(ruleId ? { id: { not: ruleId } } : {}) }, select: { id: true } });
  if (taken) throw nameTaken(input.name);
  if (ruleId) await requireRuleRow(client, projectId, ruleId);
}

const nameTaken = (name: string) => new DomainError("conflict", `A rule named "${name}" already exists.`, { path: "name" });

export async function createRule(client: Db, projectId: string, input: RuleWrite, actorUserId: string | null): Promise<RuleView> {
  check(input);
  const ds = await requireDataset(client, projectId, input.datasetId);
  try {
    const row = await client.promotionRule.create({
      data: {
        projectId,
        name: input.name,
        datasetId: ds.id,
        filter: input.filter as unknown as object,
        mapping: input.mapping as unknown as object,
        sampleRate: input.sampleRate,
        enabled: input.enabled,
        // A new rule applies to what arrives from now on; "Run on stored traces" covers the rest.
        cursor: new Date(),
        createdByUserId: actorUserId,
      },
    });
    return ruleView(row, ds.name);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function requireRuleRow(client: Db, projectId: string, ruleId: string): Promise<RuleRow> {
  const row = await client.promotionRule.findFirst({ where: { id: ruleId, projectId } });
  if (!row) throw new DomainError("not_found", "That rule does not exist.", { path: "ruleId" });
  return row;
}

export async function updateRule(client: Db, projectId: string, ruleId: string, input: RuleWrite): Promise<RuleView> {
  check(input);
  const prev = await requireRuleRow(client, projectId, ruleId);
  const ds = await requireDataset(client, projectId, input.datasetId);
  const switchedOn = input.enabled && !prev.enabled;
  try {
    const row = await client.promotionRule.update({
      where: { id: ruleId },
      data: {
        name: input.name,
        datasetId: ds.id,
        filter: input.filter as unknown as object,
        mapping: input.mapping as unknown as object,
        sampleRate: input.sampleRate,
        enabled: input.enabled,
        ...(input.enabled ? { disabledReason: null } : {}),
        // Switched back on: from now on (what arrived while it was off is for a backfill).
        ...(switchedOn ? { cursor: new Date() } : {}),
      },
    });
    return ruleView(row, ds.name);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function setRuleEnabled(client: Db, projectId: string, ruleId: string, enabled: boolean): Promise<void> {
  const prev = await requireRuleRow(client, projectId, ruleId);
  if (enabled && !prev.datasetId) throw new DomainError("invalid", "This rule's dataset was deleted: pick another dataset first.", { path: "datasetId" });
  if (enabled === prev.enabled) return;
  await client.promotionRule.update({
    where: { id: ruleId },
    data: enabled ? { enabled, disabledReason: null, cursor: new Date() } : { enabled, disabledReason: null },
  });
}

export async function deleteRule(client: Db, projectId: string, ruleId: string): Promise<void> {
  const n = await client.promotionRule.deleteMany({ where: { id: ruleId, projectId } });
  if (!n.count) throw new DomainError("not_found", "That rule does not exist.", { path: "ruleId" });
}

async function datasetNames(client: Db, projectId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows = await client.dataset.findMany({ where: { projectId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function getRule(client: Db, projectId: string, ruleId: string): Promise<RuleView> {
  const row = await requireRuleRow(client, projectId, ruleId);
  const names = await datasetNames(client, projectId, [row.datasetId]);
  return ruleView(row, row.datasetId ? (names.get(row.datasetId) ?? null) : null);
}

/** Every rule of the project, by name. */
export async function listRules(client: Db, projectId: string): Promise<RuleView[]> {
  const rows = await client.promotionRule.findMany({ where: { projectId }, orderBy: { name: "asc" } });
  const names = await datasetNames(client, projectId, rows.map((r) => r.datasetId));
  return rows.map((r) => ruleView(r, r.datasetId ? (names.get(r.datasetId) ?? null) : null));
}
