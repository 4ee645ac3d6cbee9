// LOUPE_EXPERIMENT_ENDPOINTS=public: which addresses count as not public, and
// that the socket lookup refuses a name resolving to one (localhost resolves
// without a network, so this runs anywhere).
import { describe, expect, it } from "vitest";
import { checkingLookup, checkLiteralHost, endpointPolicyFromEnv, nonPublicReason } from "@/lib/experiments/endpoint-address";

describe("endpoint address policy", () => {
  it("reads the setting: any by default, public, and refuses anything else", () => {
    expect(endpointPolicyFromEnv(undefined)).toBe("any");
    expect(endpointPolicyFromEnv("")).toBe("any");
    expect(endpointPolicyFromEnv("any")).toBe("any");
    expect(endpointPolicyFromEnv(" Public ")).toBe("public");
    expect(() => endpointPolicyFromEnv("private")).toThrow(/"any" or "public"/);
  });

  it("names loopback, private, link-local and unique-local addresses, IPv4-mapped ones too", () => {
    const cases: [string, string | null][] = [
      ["127.0.0.1", "a loopback address"],
      ["127.255.0.9", "a loopback address"],
      ["10.1.2.3", "a private address"],
      ["172.16.0.1", "a private address"],
      ["172.31.255.255", "a private address"],
      ["192.168.1.10", "a private address"],
      ["169.254.169.254", "a link-local address"],
      ["100.64.0.1", "a shared (carrier-grade NAT) address"],
      ["0.0.0.0", "an unspecified address"],
      ["::1", "a loopback address"],
      ["[::1]", "a loopback address"],
      ["::", "an unspecified address"],
      ["fe80::1%eth0", "a link-local address"],
      ["fd12:3456::1", "a unique-local address"],
      ["fc00::1", "a unique-local address"],
      ["::ffff:127.0.0.1", "a loopback address"],
      ["::ffff:7f00:1", "a loopback address"],
      ["::ffff:10.0.0.1", "a private address"],
      ["64:ff9b::a9fe:a9fe", "a link-local address"],
      ["8.8.8.8", null],
      ["172.32.0.1", null],
      ["93.184.215.14", null],
      ["2606:4700::1111", null],
      ["::ffff:8.8.8.8", null],
    ];
    for (const [address, reason] of cases) expect(nonPublicReason(address), address).toBe(reason);
  });

  it("refuses an IP-literal host before connecting", () => {
    expect(() => checkLiteralHost("127.0.0.1")).toThrow("127.0.0.1, a loopback address: this server sends experiments only to public addresses (LOUPE_EXPERIMENT_ENDPOINTS=public)");
    expect(() => checkLiteralHost("[::1]")).toThrow(/loopback/);
    expect(() => checkLiteralHost("8.8.8.8")).not.toThrow();
    expect(() => checkLiteralHost("example.com")).not.toThrow(); // names are checked after resolution
  });

  it("the socket lookup refuses a name that resolves to a loopback address", async () => {
    const err = await new Promise<Error | null>((r) => checkingLookup("localhost", {}, (e) => r(e)));
    expect(err?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });
});
