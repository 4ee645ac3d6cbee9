// Who is on the other end of a request, as far as it can be trusted.
//
// `next start` does not expose the socket peer to app code (it only copies it
// into X-Forwarded-For when the client sent none, so the two cannot be told
// apart). X-Forwarded-For is therefore believed only when the operator names
// the proxies in front of Loupe in LOUPE_TRUSTED_PROXIES (IPs or CIDRs,
// separated by commas or spaces): the client is then the right-most address in
// the header that is not one of those proxies, the one the nearest trusted
// proxy saw, which the client cannot choose. Without it, callers get
// `undefined` and must not key anything on an address (see lib/auth/throttle).
import { BlockList, isIP } from "node:net";

type Trusted = { list: BlockList; count: number };
let cached: { source: string; trusted: Trusted } | undefined;

/** Parses LOUPE_TRUSTED_PROXIES (entries that are not an IP or CIDR are reported and skipped). */
export function parseTrustedProxies(source: string | undefined): Trusted {
  const list = new BlockList();
  let count = 0;
  for (const raw of (source ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [addr, bits, extra] = raw.split("/");
    const ip = normaliseIp(addr);
    const family = ip ? isIP(ip) : 0;
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (!ip || !family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      console.error(`LOUPE_TRUSTED_PROXIES: ignoring "${raw}" (not an IP address or CIDR)`);
      continue;
    }
    list.addSubnet(ip, prefix, family === 6 ? "ipv6" : "ipv4");
    count++;
  }
  return { list, count };
}

function trustedProxies(): Trusted {
  const source = process.env.LOUPE_TRUSTED_PROXIES ?? "";
  if (cached?.source !== source) cached = { source, trusted: parseTrustedProxies(source) };
  return cached.trusted;
}

export function hasTrustedProxies(): boolean {
  return trustedProxies().count > 0;
}

/** "1.2.3.4", "1.2.3.4:567", "[::1]:80", "::ffff:10.0.0.1" → the bare address (IPv4-mapped as IPv4), or undefined. */
export function normaliseIp(value: string | undefined): string | undefined {
  let v = value?.trim();
  if (!v) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1];
  return isIP(v) ? v.toLowerCase() : undefined;
}

function isTrusted(ip: string, trusted: Trusted): boolean {
  return trusted.list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address from the forwarding header, or undefined when no proxy is
 * trusted (or the header holds nothing usable). Pure in its inputs, for tests.
 */
export function clientAddressFrom(forwardedFor: string | null | undefined, trusted: Trusted = trustedProxies()): string | undefined {
  if (trusted.count === 0 || !forwardedFor) return undefined;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = normaliseIp(hops[i]);
    if (!ip) return undefined; // a hop a trusted proxy would not write: believe nothing left of it
    if (!isTrusted(ip, trusted)) return ip;
  }
  return hops.length ? normaliseIp(hops[0]) : undefined; // every hop is a proxy of ours
}

/** The request's first X-Forwarded-<name> value, believed only from trusted proxies. */
export function trustedForwarded(headers: Headers, name: "proto" | "host"): string | undefined {
  if (!hasTrustedProxies()) return undefined;
  return headers.get(`x-forwarded-${name}`)?.split(",")[0].trim().toLowerCase() || undefined;
}
