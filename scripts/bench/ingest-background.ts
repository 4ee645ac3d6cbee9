// What bench:ingest runs beside ingestion (`--rules three`, `--evaluators three`):
// three active promotion rules and three live evaluators, written straight to
// the database (the bench runs outside Next), and how many items or scores they
// made once their background evaluation has caught up.
import { createDb } from "../../lib/db/client";
import { databaseTarget } from "../../lib/db/url";

/** The count once it stops moving (read every 1.5 s). */
async function settled(count: () => Promise<number>): Promise<number> {
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1500));
    const n = await count();
    if (n === last) return last;
    last = n;
  }
}

const RULE_FILTERS = [
  { name: "errors", filter: [{ type: "string", column: "level", operator: "=", value: "error" }] },
  { name: "slow research", filter: [{ type: "stringOptions", column: "name", operator: "any of", value: ["research-agent"] }, { type: "number", column: "latency", operator: ">=", value: 5000 }] },
  { name: "unhelpful", filter: [{ type: "numericScore", column: "score", key: "helpfulness", operator: "<", value: 0.5 }] },
];

/** Three active rules, each into its own dataset (so each does its whole work), written straight to the database (this script runs outside Next). */
export async function addRules(databaseUrl: string) {
  const client = createDb(databaseTarget(databaseUrl));
  for (const r of RULE_FILTERS) {
    const ds = await client.dataset.create({ data: { projectId: "bench", name: `bench-${r.name}` } });
    await client.promotionRule.create({
      data: { projectId: "bench", name: r.name, datasetId: ds.id, filter: r.filter, mapping: { input: { from: "input" }, expectedOutput: { from: "correctionOrOutput" }, metadata: { from: "none" } }, cursor: new Date() },
    });
  }
  return {
    /** items the rules created once their evaluation has caught up (the count stops moving) */
    async settledItems() {
      const last = await settled(() => client.datasetItem.count({ where: { projectId: "bench" } }));
      const rules = await client.promotionRule.findMany({ select: { name: true, itemsCreated: true } });
      await client.$disconnect();
      return { items: last, perRule: rules.map((r) => `${r.name} ${r.itemsCreated}`).join(", ") };
    },
  };
}

const EVALUATORS = [
  { name: "latency_ok", kind: "THRESHOLD", config: { kind: "THRESHOLD", metric: "latency", operator: "<=", value: 10_000 }, filter: [], sampleRate: 1 },
  { name: "apology", kind: "REGEX", config: { kind: "REGEX", pattern: "sorry|cannot|unable", flags: "i" }, filter: [], sampleRate: 1 },
  {
    name: "research_similarity",
    kind: "SIMILARITY",
    config: { kind: "SIMILARITY", trim: true, ignoreCase: true, reference: "Here is a summary of what I found, with sources." },
    filter: [{ type: "stringOptions", column: "name", operator: "any of", value: ["research-agent"] }],
    sampleRate: 0.5,
  },
];

/** Three live evaluators, written straight to the database (this script runs outside Next). */
export async function addEvaluators(databaseUrl: string) {
  const client = createDb(databaseTarget(databaseUrl));
  const now = new Date();
  for (const e of EVALUATORS) await client.evaluator.create({ data: { projectId: "bench", ...e, cursor: now, runCursor: now } });
  return {
    /** scores the evaluators wrote once their evaluation has caught up (the count stops moving) */
    async settledItems() {
      const last = await settled(() => client.evaluatorResult.count({ where: { projectId: "bench" } }));
      const rows = await client.evaluatorResult.groupBy({ by: ["evaluatorId"], where: { projectId: "bench" }, _count: { _all: true } });
      const names = new Map((await client.evaluator.findMany({ select: { id: true, name: true } })).map((e) => [e.id, e.name]));
      await client.$disconnect();
      return { items: last, perRule: rows.map((r) => `${names.get(r.evaluatorId)} ${r._count._all}`).join(", ") };
    },
  };
}
