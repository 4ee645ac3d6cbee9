// The OTLP trace messages, declared in code for protobufjs so nothing reads a
// .proto file at run time. Field numbers follow opentelemetry-proto
// (opentelemetry/proto/{common,resource,trace}/v1 and collector/trace/v1).
// Field names are the lowerCamelCase names OTLP/JSON uses, so a decoded
// message and an OTLP/JSON body have the same keys.
import { Root, type INamespace, type Type } from "protobufjs/light.js";

const COMMON = ".opentelemetry.proto.common.v1";
const RESOURCE = ".opentelemetry.proto.resource.v1";
const TRACE = ".opentelemetry.proto.trace.v1";

const common: INamespace = {
  nested: {
    AnyValue: {
      oneofs: {
        value: {
          oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"],
        },
      },
      fields: {
        stringValue: { type: "string", id: 1 },
        boolValue: { type: "bool", id: 2 },
        intValue: { type: "int64", id: 3 },
        doubleValue: { type: "double", id: 4 },
        arrayValue: { type: `${COMMON}.ArrayValue`, id: 5 },
        kvlistValue: { type: `${COMMON}.KeyValueList`, id: 6 },
        bytesValue: { type: "bytes", id: 7 },
      },
    },
    ArrayValue: { fields: { values: { rule: "repeated", type: `${COMMON}.AnyValue`, id: 1 } } },
    KeyValueList: { fields: { values: { rule: "repeated", type: `${COMMON}.KeyValue`, id: 1 } } },
    KeyValue: {
      fields: {
        key: { type: "string", id: 1 },
        value: { type: `${COMMON}.AnyValue`, id: 2 },
      },
    },
    InstrumentationScope: {
      fields: {
        name: { type: "string", id: 1 },
        version: { type: "string", id: 2 },
        attributes: { rule: "repeated", type: `${COMMON}.KeyValue`, id: 3 },
        droppedAttributesCount: { type: "uint32", id: 4 },
      },
    },
  },
};

const resource: INamespace = {
  nested: {
    Resource: {
      fields: {
        attributes: { rule: "repeated", type: `${COMMON}.KeyValue`, id: 1 },
        droppedAttributesCount: { type: "uint32", id: 2 },
      },
    },
  },
};

const trace: INamespace = {
  nested: {
    ResourceSpans: {
      fields: {
        resource: { type: `${RESOURCE}.Resource`, id: 1 },
        scopeSpans: { rule: "repeated", type: `${TRACE}.ScopeSpans`, id: 2 },
        schemaUrl: { type: "string", id: 3 },
      },
    },
    ScopeSpans: {
      fields: {
        scope: { type: `${COMMON}.InstrumentationScope`, id: 1 },
        spans: { rule: "repeated", type: `${TRACE}.Span`, id: 2 },
        schemaUrl: { type: "string", id: 3 },
      },
    },
    Span: {
      fields: {
        traceId: { type: "bytes", id: 1 },
        spanId: { type: "bytes", id: 2 },
        traceState: { type: "string", id: 3 },
        parentSpanId: { type: "bytes", id: 4 },
        flags: { type: "fixed32", id: 16 },
        name: { type: "string", id: 5 },
        kind: { type: `${TRACE}.Span.SpanKind`, id: 6 },
        startTimeUnixNano: { type: "fixed64", id: 7 },
        endTimeUnixNano: { type: "fixed64", id: 8 },
        attributes: { rule: "repeated", type: `${COMMON}.KeyValue`, id: 9 },
        droppedAttributesCount: { type: "uint32", id: 10 },
        events: { rule: "repeated", type: `${TRACE}.Span.Event`, id: 11 },
        droppedEventsCount: { type: "uint32", id: 12 },
        links: { rule: "repeated", type: `${TRACE}.Span.Link`, id: 13 },
        droppedLinksCount: { type: "uint32", id: 14 },
        status: { type: `${TRACE}.Status`, id: 15 },
      },
      nested: {
        SpanKind: {
          values: {
            SPAN_KIND_UNSPECIFIED: 0,
            SPAN_KIND_INTERNAL: 1,
            SPAN_KIND_SERVER: 2,
            SPAN_KIND_CLIENT: 3,
            SPAN_KIND_PRODUCER: 4,
            SPAN_KIND_CONSUMER: 5,
          },
        },
        Event: {
          fields: {
            timeUnixNano: { type: "fixed64", id: 1 },
            name: { type: "string", id: 2 },
            attributes: { rule: "repeated", type: `${COMMON}.KeyValue`, id: 3 },
            droppedAttributesCount: { type: "uint32", id: 4 },
          },
        },
        Link: {
          fields: {
            traceId: { type: "bytes", id: 1 },
            spanId: { type: "bytes", id: 2 },
            traceState: { type: "string", id: 3 },
            attributes: { rule: "repeated", type: `${COMMON}.KeyValue`, id: 4 },
            droppedAttributesCount: { type: "uint32", id: 5 },
            flags: { type: "fixed32", id: 6 },
          },
        },
      },
    },
    Status: {
      // Field 1 is reserved (the removed deprecated_code).
      fields: {
        message: { type: "string", id: 2 },
        code: { type: `${TRACE}.Status.StatusCode`, id: 3 },
      },
      nested: {
        StatusCode: { values: { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 } },
      },
    },
  },
};

const collector: INamespace = {
  nested: {
    ExportTraceServiceRequest: {
      fields: { resourceSpans: { rule: "repeated", type: `${TRACE}.ResourceSpans`, id: 1 } },
    },
    ExportTraceServiceResponse: {
      fields: { partialSuccess: { type: ".opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess", id: 1 } },
    },
    ExportTracePartialSuccess: {
      fields: {
        rejectedSpans: { type: "int64", id: 1 },
        errorMessage: { type: "string", id: 2 },
      },
    },
  },
};

const v1 = (ns: INamespace): INamespace => ({ nested: { v1: ns } });

export const otlpRoot: Root = Root.fromJSON({
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: v1(common),
            resource: v1(resource),
            trace: v1(trace),
            collector: { nested: { trace: v1(collector) } },
          },
        },
      },
    },
  },
});

const type = (name: string): Type => otlpRoot.lookupType(name);

export const ExportTraceServiceRequest = type(".opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportTraceServiceResponse = type(".opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");
export const ExportTracePartialSuccess = type(".opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess");
export const ResourceSpans = type(`${TRACE}.ResourceSpans`);
export const ScopeSpans = type(`${TRACE}.ScopeSpans`);
export const Span = type(`${TRACE}.Span`);
export const SpanEvent = type(`${TRACE}.Span.Event`);
export const SpanLink = type(`${TRACE}.Span.Link`);
export const Status = type(`${TRACE}.Status`);
export const Resource = type(`${RESOURCE}.Resource`);
export const InstrumentationScope = type(`${COMMON}.InstrumentationScope`);
export const KeyValue = type(`${COMMON}.KeyValue`);
export const AnyValue = type(`${COMMON}.AnyValue`);
export const ArrayValue = type(`${COMMON}.ArrayValue`);
export const KeyValueList = type(`${COMMON}.KeyValueList`);
