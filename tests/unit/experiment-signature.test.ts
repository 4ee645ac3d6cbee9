// The experiment request signature: what the sender puts in the header is what
// a receiver accepts, and any change to the body, the secret or the header is refused.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "@/lib/experiments/signature";
import { generateExperimentSecret, endpointUrlSchema, maskSecret } from "@/lib/experiments/trigger-schemas";

const secret = "whsec-test-0123456789abcdef";
const body = JSON.stringify({ projectId: "p1", datasetId: "d1", datasetName: "qa", runName: "nightly", payload: { model: "m" } });

describe("experiment signature", () => {
  it("is sha256=<hex> of the HMAC-SHA256 of the raw body (what any receiver can recompute)", () => {
    const header = signBody(secret, body);
    expect(header).toBe(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("verifies the header it made, for a string or the same bytes", () => {
    const header = signBody(secret, body);
    expect(verifySignature(secret, body, header)).toBe(true);
    expect(verifySignature(secret, Buffer.from(body, "utf8"), header)).toBe(true);
    expect(verifySignature(secret, body, header.toUpperCase().replace("SHA256=", "sha256="))).toBe(true);
  });

  it("refuses a changed body, another secret, a bad or missing header", () => {
    const header = signBody(secret, body);
    expect(verifySignature(secret, body.replace("nightly", "nightlz"), header)).toBe(false);
    expect(verifySignature(`${secret}x`, body, header)).toBe(false);
    expect(verifySignature(secret, body, header.slice(0, -1))).toBe(false);
    expect(verifySignature(secret, body, header.replace("sha256=", "sha1="))).toBe(false);
    expect(verifySignature(secret, body, `sha256=${"z".repeat(64)}`)).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
    expect(verifySignature(secret, body, null)).toBe(false);
    expect(verifySignature("", body, signBody("", body))).toBe(false);
    // A re-serialised body is other bytes: receivers must verify what they received.
    expect(verifySignature(secret, JSON.stringify(JSON.parse(body), null, 2), header)).toBe(false);
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

  it("takes http and https URLs only, with a reason otherwise", () => {
    expect(endpointUrlSchema.parse(" https://app.example.com/loupe/experiments ")).toBe("https://app.example.com/loupe/experiments");
    expect(endpointUrlSchema.parse("http://127.0.0.1:8787/run")).toBe("http://127.0.0.1:8787/run");
    for (const bad of ["ftp://example.com/x", "javascript:alert(1)", "example.com/run", "", "http://"]) {
      const r = endpointUrlSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
    }
  });
});
