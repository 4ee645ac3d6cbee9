import { describe, expect, it } from "vitest";
import { clientAddressFrom, normaliseIp, parseTrustedProxies } from "@/lib/http/client-address";

describe("client address from X-Forwarded-For", () => {
  it("believes nothing without trusted proxies: a client cannot pick its own throttle key", () => {
    const none = parseTrustedProxies("");
    for (const xff of ["1.2.3.4", "9.9.9.9, 1.2.3.4", "127.0.0.1", undefined, null, ""]) {
      expect(clientAddressFrom(xff, none), String(xff)).toBeUndefined();
    }
  });

  it("takes the right-most address that is not a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.168.1.5 ::1");
    expect(clientAddressFrom("203.0.113.7", trusted)).toBe("203.0.113.7");
    // A forged left part is ignored: the proxy appended what it saw.
    expect(clientAddressFrom("6.6.6.6, 203.0.113.7", trusted)).toBe("203.0.113.7");
    expect(clientAddressFrom("6.6.6.6, 203.0.113.7, 10.1.2.3, 192.168.1.5", trusted)).toBe("203.0.113.7");
    expect(clientAddressFrom("203.0.113.7:5123, [::1]:80", trusted)).toBe("203.0.113.7");
    expect(clientAddressFrom("::ffff:203.0.113.7", trusted)).toBe("203.0.113.7");
    expect(clientAddressFrom("10.9.9.9", trusted)).toBe("10.9.9.9"); // only proxies: the left-most
    expect(clientAddressFrom("6.6.6.6, not-an-ip", trusted)).toBeUndefined();
  });

  it("parses IPs and CIDRs and skips the rest", () => {
    const t = parseTrustedProxies("127.0.0.1, fd00::/8, bogus, 10.0.0.0/33");
    expect(t.count).toBe(2);
    expect(normaliseIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseIp("1.2.3.4:80")).toBe("1.2.3.4");
    expect(normaliseIp("local")).toBeUndefined();
  });
});
