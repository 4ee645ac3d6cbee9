// The Langfuse SDKs' experiment attributes (`dataset.runExperiment` /
// `experiment.run` in @langfuse/client 5.x, Python's run_experiment):
// langfuse.experiment.* as in @langfuse/core's LangfuseOtelSpanAttributes and
// Langfuse's OtelIngestionProcessor.extractExperimentFields. They are gathered
// into one `experiment` object in the span's metadata, and in the trace's
// metadata from the experiment item's root span, so an experiment's traces are
// recognisable (and filterable: lib/traces/where.ts `experiment`). The SDK also
// sets the environment "sdk-experiment", read as every span's environment is.
import type { Json, JsonObject } from "../events";
import { isJsonObject, parseJsonish, setKey } from "./json";
import type { SpanAttributes } from "./span-attributes";

const EXP = "langfuse.experiment";

// Single-valued attributes → the key they get in the `experiment` object.
const FIELDS: [attribute: string, key: string][] = [
  [`${EXP}.id`, "id"],
  // The JS SDK sends the run name here (propagated `experimentName: runName`).
  [`${EXP}.name`, "name"],
  [`${EXP}.description`, "description"],
  [`${EXP}.dataset.id`, "datasetId"],
  [`${EXP}.item.id`, "itemId"],
  [`${EXP}.item.version`, "itemVersion"],
  [`${EXP}.item.expected_output`, "expectedOutput"],
  [`${EXP}.item.root_observation_id`, "rootObservationId"],
];

// Cheap markers: a span without any of these has no experiment attributes (no prefix scan on ordinary spans).
const MARKERS = [`${EXP}.id`, `${EXP}.name`, `${EXP}.item.id`, `${EXP}.item.root_observation_id`];

export interface ExperimentFacts {
  /** What the span says about the experiment it ran in. */
  experiment: JsonObject;
  /** True on the experiment item's root span: the one whose facts describe the trace. */
  describesTrace: boolean;
}

/**
 * Consumes the span's langfuse.experiment.* attributes. `spanId` and `isRoot`
 * pick the span that states the trace's experiment: the one the SDK names as
 * the item's root observation, else (an SDK that does not name it) the trace's root.
 */
export function experimentFacts(attrs: SpanAttributes, spanId: string, isRoot: boolean): ExperimentFacts | undefined {
  if (!MARKERS.some((k) => attrs.has(k))) return undefined;
  const experiment: JsonObject = {};
  for (const [attribute, key] of FIELDS) {
    const v = attrs.take(attribute);
    if (v !== undefined && v !== "") experiment[key] = parseJsonish(v);
  }
  const metadata = objectAttr(attrs, `${EXP}.metadata`);
  if (metadata !== undefined) experiment.metadata = metadata;
  const itemMetadata = objectAttr(attrs, `${EXP}.item.metadata`);
  if (itemMetadata !== undefined) experiment.itemMetadata = itemMetadata;
  const root = experiment.rootObservationId;
  return { experiment, describesTrace: typeof root === "string" ? root === spanId : isRoot };
}

/** A JSON value sent whole (`prefix`, JSON in a string) and/or flattened (`prefix.key`), as Langfuse accepts both. */
function objectAttr(attrs: SpanAttributes, prefix: string): Json | undefined {
  const whole = attrs.take(prefix);
  let out: Json | undefined = whole === undefined ? undefined : parseJsonish(whole);
  for (const [key, value] of attrs.takePrefix(prefix)) {
    const obj: JsonObject = isJsonObject(out) ? out : {};
    setKey(obj, key, parseJsonish(value));
    out = obj;
  }
  return out;
}
