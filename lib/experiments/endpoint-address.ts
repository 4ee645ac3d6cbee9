// Which addresses "Run experiment" may send to. LOUPE_EXPERIMENT_ENDPOINTS=public
// (shared servers) refuses endpoints on loopback, private, link-local and
// unique-local addresses, so a project admin cannot point the server at its own
// internal services; the default `any` keeps a receiver on the laptop working.
// The check runs at send time on the addresses the connection actually uses
// (checkingLookup is the socket's DNS lookup), so a name that resolves to a
// public address when saved and to 127.0.0.1 later is still refused.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

export type EndpointPolicy = "any" | "public";

/** The operator's setting: `public` or `any` (the default); anything else fails the send with a message naming the variable. */
export function endpointPolicyFromEnv(value: string | undefined = process.env.LOUPE_EXPERIMENT_ENDPOINTS): EndpointPolicy {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "any") return "any";
  if (v === "public") return "public";
  throw new Error(`LOUPE_EXPERIMENT_ENDPOINTS must be "any" or "public", not ${JSON.stringify(value)}`);
}

const NON_PUBLIC: [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "an unspecified"],
  ["10.0.0.0", 8, "ipv4", "a private"],
  ["100.64.0.0", 10, "ipv4", "a shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "ipv4", "a loopback"],
  ["169.254.0.0", 16, "ipv4", "a link-local"],
  ["172.16.0.0", 12, "ipv4", "a private"],
  ["192.0.0.0", 24, "ipv4", "a reserved"],
  ["192.168.0.0", 16, "ipv4", "a private"],
  ["198.18.0.0", 15, "ipv4", "a reserved"],
  ["224.0.0.0", 4, "ipv4", "a multicast"],
  ["240.0.0.0", 4, "ipv4", "a reserved"],
  ["::", 128, "ipv6", "an unspecified"],
  ["::1", 128, "ipv6", "a loopback"],
  ["fc00::", 7, "ipv6", "a unique-local"],
  ["fe80::", 10, "ipv6", "a link-local"],
  ["fec0::", 10, "ipv6", "a site-local"],
  ["ff00::", 8, "ipv6", "a multicast"],
];
const lists = NON_PUBLIC.map(([net, prefix, type, kind]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, type, kind };
});

/** Why an address is not public ("a loopback address"), or null when it is. */
export function nonPublicReason(address: string): string | null {
  let addr = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1, or NAT64's 64:ff9b::7f00:1) reaches that IPv4 address.
  const mapped = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/i.exec(addr);
  if (mapped && isIP(addr) === 6) addr = embeddedV4(mapped[1]) ?? addr;
  const family = isIP(addr);
  if (!family) return "not an IP address";
  const type = family === 4 ? "ipv4" : "ipv6";
  const hit = lists.find((l) => l.type === type && l.list.check(addr, type));
  return hit ? `${hit.kind} address` : null;
}

function embeddedV4(tail: string): string | null {
  if (isIP(tail) === 4) return tail;
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!m) return null;
  const hi = parseInt(m[1], 16);
  const lo = parseInt(m[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export class EndpointAddressError extends Error {
  code = "ENDPOINT_NOT_PUBLIC";
}

function refusal(host: string, address: string, reason: string): EndpointAddressError {
  const where = host === address ? address : `${host} resolves to ${address}`;
  return new EndpointAddressError(`${where}, ${reason}: this server sends experiments only to public addresses (LOUPE_EXPERIMENT_ENDPOINTS=public)`);
}

/** Refuses an IP-literal host at once (sockets skip the DNS lookup for those); a name is checked by checkingLookup. */
export function checkLiteralHost(hostname: string): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (!isIP(host)) return;
  const reason = nonPublicReason(host);
  if (reason) throw refusal(host, host, reason);
}

/**
 * A socket `lookup` that resolves every address of the name and refuses the
 * connection when any is not public (one bad answer is enough: the socket may
 * pick any of them), then hands the socket only checked addresses.
 */
export const checkingLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, "", 0);
    for (const a of addresses) {
      const reason = nonPublicReason(a.address);
      if (reason) return callback(refusal(hostname, a.address, reason), "", 0);
    }
    if (!addresses.length) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
