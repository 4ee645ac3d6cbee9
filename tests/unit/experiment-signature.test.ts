// The experiment request signature: what the sender puts in the header is what
// a receiver accepts, and any change to the body, the secret, the timestamp or the
// header is refused, as is a request replayed after the tolerance.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody, signatureHeaders, verifySignature } from "@/lib/experiments/signature";
import { generateExperimentSecret, endpointUrlSchema, maskSecret } from "@/lib/experiments/trigger-schemas";

const secret = "whsec-test-0123456789abcdef";
const body = JSON.stringify({ projectId: "p1", datasetId: "d1", datasetName: "qa", runName: "nightly", payload: { model: "m" } });

describe("experiment signature", () => {
  const ts = 1_790_000_000;
  const now = new Date(ts * 1000);
  const at = (seconds: number) => ({ now: new Date((ts + seconds) * 1000) });

  it("is sha256=<hex> of the HMAC-SHA256 of `${timestamp}.${raw body}` (what any receiver can recompute)", () => {
    const header = signBody(secret, body, ts);
    expect(header).toBe(`sha256=${createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureHeaders(secret, body, now)).toEqual({ [SIGNATURE_HEADER]: header, [TIMESTAMP_HEADER]: String(ts) });
    expect(SIGNATURE_HEADER).toBe("x-loupe-signature");
    expect(TIMESTAMP_HEADER).toBe("x-loupe-timestamp");
  });

  it("verifies the header it made, for a string or the same bytes", () => {
    const header = signBody(secret, body, ts);
    expect(verifySignature(secret, body, header, String(ts), { now })).toBe(true);
    expect(verifySignature(secret, Buffer.from(body, "utf8"), header, String(ts), { now })).toBe(true);
    expect(verifySignature(secret, body, header.toUpperCase().replace("SHA256=", "sha256="), String(ts), { now })).toBe(true);
    // Signed just now, checked on the real clock with the default tolerance.
    const fresh = signatureHeaders(secret, body);
    expect(verifySignature(secret, body, fresh[SIGNATURE_HEADER], fresh[TIMESTAMP_HEADER])).toBe(true);
  });

  it("refuses a changed body, another secret, a bad or missing header", () => {
    const header = signBody(secret, body, ts);
    const t = String(ts);
    expect(verifySignature(secret, body.replace("nightly", "nightlz"), header, t, { now })).toBe(false);
    expect(verifySignature(`${secret}x`, body, header, t, { now })).toBe(false);
    expect(verifySignature(secret, body, header.slice(0, -1), t, { now })).toBe(false);
    expect(verifySignature(secret, body, header.replace("sha256=", "sha1="), t, { now })).toBe(false);
    expect(verifySignature(secret, body, `sha256=${"z".repeat(64)}`, t, { now })).toBe(false);
    expect(verifySignature(secret, body, undefined, t, { now })).toBe(false);
    expect(verifySignature(secret, body, null, t, { now })).toBe(false);
    expect(verifySignature("", body, signBody("", body, ts), t, { now })).toBe(false);
    // A re-serialised body is other bytes: receivers must verify what they received.
    expect(verifySignature(secret, JSON.stringify(JSON.parse(body), null, 2), header, t, { now })).toBe(false);
    // The old body-only signature is not accepted.
    const bodyOnly = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    expect(verifySignature(secret, body, bodyOnly, t, { now })).toBe(false);
  });

  it("refuses a missing, malformed or changed timestamp (it is signed with the body)", () => {
    const header = signBody(secret, body, ts);
    expect(verifySignature(secret, body, header, undefined, { now })).toBe(false);
    expect(verifySignature(secret, body, header, null, { now })).toBe(false);
    expect(verifySignature(secret, body, header, "", { now })).toBe(false);
    expect(verifySignature(secret, body, header, "1790000000.5", { now })).toBe(false);
    expect(verifySignature(secret, body, header, "-1", { now })).toBe(false);
    // A replayer who moves the timestamp forward breaks the signature.
    expect(verifySignature(secret, body, header, String(ts + 1), { now })).toBe(false);
  });

  it("refuses a replay older than the tolerance and a timestamp too far ahead (default 300 s)", () => {
    const header = signBody(secret, body, ts);
    const t = String(ts);
    expect(verifySignature(secret, body, header, t, at(300))).toBe(true);
    expect(verifySignature(secret, body, header, t, at(301))).toBe(false);
    expect(verifySignature(secret, body, header, t, at(-300))).toBe(true);
    expect(verifySignature(secret, body, header, t, at(-301))).toBe(false);
    expect(verifySignature(secret, body, header, t, at(86_400))).toBe(false);
    expect(verifySignature(secret, body, header, t, { ...at(60), toleranceSeconds: 30 })).toBe(false);
    expect(verifySignature(secret, body, header, t, { ...at(60), toleranceSeconds: 90 })).toBe(true);
  });
});

describe("endpoint settings values", () => {
  it("generates long, distinct secrets and shows only their last 4 characters", () => {
    const a = generateExperimentSecret();
    const b = generateExperimentSecret();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(40);
    expect(maskSecret(a)).toBe(`••••${a.slice(-4)}`);
    expect(maskSecret(a)).not.toContain(a.slice(0, -4));
  });

  it("refuses a URL with credentials at the field, saying why", () => {
    const r = endpointUrlSchema.safeParse("https://user:pw@example.com/run");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toContain("must not contain a user name or password");
  });

  it("takes http and https URLs only, with a reason otherwise", () => {
    expect(endpointUrlSchema.parse(" https://app.example.com/loupe/experiments ")).toBe("https://app.example.com/loupe/experiments");
    expect(endpointUrlSchema.parse("http://127.0.0.1:8787/run")).toBe("http://127.0.0.1:8787/run");
    for (const bad of ["ftp://example.com/x", "javascript:alert(1)", "example.com/run", "", "http://", "https://user:pw@example.com/run", "https://token@example.com/run", "http://:pw@127.0.0.1:8787/run"]) {
      const r = endpointUrlSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
    }
  });
});
