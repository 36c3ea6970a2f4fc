/**
 * The part of a client's address that names one sender for the flood rule. An IPv4 address
 * is one sender; an IPv6 host usually gets a whole /64 (RFC 6177) and can pick any address
 * in it, so the /64 is the sender there. IPv4-mapped IPv6 (::ffff:a.b.c.d) counts as IPv4.
 */
import { isIPv4, isIPv6 } from "node:net";

export function floodAddress(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, ""); // a zone id (fe80::1%eth0) names no sender
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** Eight groups without leading zeros: every spelling of one address gives one answer. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::") as [string, string | undefined];
  const toGroups = (part: string) => part.split(":").filter(Boolean).flatMap(splitDottedQuad);
  const front = toGroups(head);
  const back = tail === undefined ? [] : toGroups(tail);
  const zeros = Array.from({ length: 8 - front.length - back.length }, () => "0");
  return [...front, ...zeros, ...back].map((group) => parseInt(group, 16).toString(16));
}

/** ::1.2.3.4 and 64:ff9b::1.2.3.4 end in an IPv4 address: two groups. */
function splitDottedQuad(group: string): string[] {
  if (!group.includes(".")) return [group];
  const [a, b, c, d] = group.split(".").map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
