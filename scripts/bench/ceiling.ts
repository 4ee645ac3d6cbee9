// The ceiling for ingestion: the same observation rows inserted by a bare loop
// straight into the database (prepared statements in one transaction per
// batch, no parsing, merging, pricing or rollups).
import Database from "better-sqlite3";
import pg from "pg";
import type { IngestEvent, ObservationEvent } from "../../lib/ingest/events";
import { databaseTarget } from "../../lib/db/url";

const COLS = ["projectId", "id", "traceId", "parentObservationId", "type", "name", "startTime", "endTime", "level", "input", "output", "model", "inputTokens", "outputTokens", "totalTokens", "createdAt", "updatedAt"];

function row(o: ObservationEvent, now: number, asDate: boolean) {
  const t = (d: Date | null | undefined) => (d ? (asDate ? d : d.getTime()) : null);
  return [
    "bench-ceiling", o.id, o.traceId, o.parentObservationId ?? null, o.type ?? "SPAN", o.name ?? null, t(o.startTime), t(o.endTime),
    o.level ?? "DEFAULT", o.input == null ? null : JSON.stringify(o.input), o.output == null ? null : JSON.stringify(o.output),
    o.model ?? null, o.usage?.input ?? null, o.usage?.output ?? null, o.usage?.total ?? null, asDate ? new Date(now) : now, asDate ? new Date(now) : now,
  ];
}

export async function ceilingInsert(databaseUrl: string, batches: Iterable<IngestEvent[]>) {
  const target = databaseTarget(databaseUrl);
  let observations = 0;
  const t0 = performance.now();
  if (target.provider === "sqlite") {
    const db = new Database(target.file);
    db.pragma("synchronous = NORMAL");
    const insert = db.prepare(`INSERT INTO "Observation" (${COLS.map((c) => `"${c}"`).join(",")}) VALUES (${COLS.map(() => "?").join(",")})`);
    const many = db.transaction((rows: unknown[][]) => {
      for (const r of rows) insert.run(r);
    });
    for (const events of batches) {
      const obs = events.filter((e): e is ObservationEvent => e.kind === "observation");
      many(obs.map((o) => row(o, Date.now(), false)));
      observations += obs.length;
    }
    db.close();
  } else {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    for (const events of batches) {
      const obs = events.filter((e): e is ObservationEvent => e.kind === "observation");
      const params: unknown[] = [];
      const values = obs.map((o) => {
        const r = row(o, Date.now(), true);
        const base = params.length;
        params.push(...r);
        return `(${r.map((_, i) => `$${base + i + 1}`).join(",")})`;
      });
      await client.query("BEGIN");
      await client.query(`INSERT INTO "Observation" (${COLS.map((c) => `"${c}"`).join(",")}) VALUES ${values.join(",")}`, params);
      await client.query("COMMIT");
      observations += obs.length;
    }
    await client.end();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { observations, seconds, perSecond: observations / seconds };
}
