import { generateDemo } from "../../lib/demo/generate";
import { toOtlpProtobuf } from "./wire";
import { POST } from "../../app/api/public/otel/v1/traces/route";
const bodies: Uint8Array[] = [];
let pending: any[] = [];
for (const t of generateDemo({ traces: 5000, seed: 5, idPrefix: "o" + Date.now() })) { pending.push(...t); if (pending.length >= 120) { bodies.push(toOtlpProtobuf(pending)); pending = []; } }
const auth = "Basic " + Buffer.from("pk-lf-bench:sk-lf-bench").toString("base64");
const t0 = performance.now();
for (const b of bodies) {
  const res = await POST(new Request("http://x/api/public/otel/v1/traces", { method: "POST", body: b, headers: { authorization: auth, "content-type": "application/x-protobuf" } }), { params: Promise.resolve({}) });
  if (res.status !== 200) console.log(res.status, await res.text());
}
console.log("secs", (performance.now() - t0) / 1000, "bodies", bodies.length);
