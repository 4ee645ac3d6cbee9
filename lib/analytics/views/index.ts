// The views a metrics query names, by Langfuse's view name.
import type { Dialect } from "../../db/sql";
import type { MetricView } from "../query-schema";
import { observationsView } from "./observations";
import { scoresView } from "./scores";
import { tracesView } from "./traces";
import type { ViewDecl } from "./types";

export function viewFor(view: MetricView, d: Dialect): ViewDecl {
  return withTextMeasures(declaration(view, d));
}

/**
 * Every plain text dimension is also a text measure (count of non-null values, uniq: distinct values),
 * so `uniq` of userId or traceId is a metric; numeric aggregations of them are refused by validation.
 */
function withTextMeasures(v: ViewDecl): ViewDecl {
  const measures = { ...v.measures };
  for (const [name, def] of Object.entries(v.dimensions)) {
    if (def.type !== "string" || def.decode || Object.hasOwn(measures, name)) continue;
    measures[name] = { expr: def.expr, type: "string", ...(def.joins ? { joins: def.joins } : {}) };
  }
  return { ...v, measures };
}

function declaration(view: MetricView, d: Dialect): ViewDecl {
  switch (view) {
    case "traces":
      return tracesView(d);
    case "observations":
      return observationsView(d);
    case "scores-numeric":
    case "scores-categorical":
    case "scores-boolean":
      return scoresView(view, d);
  }
}
