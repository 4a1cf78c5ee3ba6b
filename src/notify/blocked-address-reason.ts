// Where a notification must not go unless ALLOW_PRIVATE_ENDPOINTS (issue 16 §4): an endpoint URL is attacker-
// controlled input to a server that sits inside a network, so loopback, private, link-local (cloud metadata at
// 169.254.169.254 and fd00:ec2::254), CGNAT, unspecified, multicast and reserved ranges are refused. IPv6 forms that
// carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address.
import net from "node:net";

const v4: Array<[string, number, string]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (CGNAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const v6: Array<[string, number, string]> = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "private (unique local; cloud metadata fd00:ec2::254)"],
  ["fe80::", 10, "link-local"],
  ["ff00::", 8, "multicast"],
];

const lists = new Map<string, net.BlockList>();
for (const [address, prefix, reason] of v4) block(address, prefix, "ipv4", reason);
for (const [address, prefix, reason] of v6) block(address, prefix, "ipv6", reason);

function block(address: string, prefix: number, type: "ipv4" | "ipv6", reason: string) {
  let list = lists.get(reason);
  if (!list) lists.set(reason, (list = new net.BlockList()));
  list.addSubnet(address, prefix, type);
}

/** Why `ip` (a literal address) is refused, or null when it is public. Not an address at all: refused too. */
export function blockedAddressReason(ip: string): string | null {
  const family = net.isIP(ip);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const embedded = embeddedIpv4(ip);
    if (embedded !== null) return blockedAddressReason(embedded);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [reason, list] of lists) if (list.check(ip, type)) return `${reason} address ${ip}`;
  return null;
}

/** The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), or null. */
function embeddedIpv4(ip: string): string | null {
  const words = expandIpv6(ip);
  const asV4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zero = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  if (zero(0, 5) && words[5] === 0xffff) return asV4(words[6] as number, words[7] as number);
  // The deprecated IPv4-compatible form ::a.b.c.d (not :: or ::1 themselves, judged above as IPv6).
  if (zero(0, 6) && (words[6] as number) !== 0) return asV4(words[6] as number, words[7] as number);
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(2, 6)) return asV4(words[6] as number, words[7] as number);
  if (words[0] === 0x2002) return asV4(words[1] as number, words[2] as number);
  return null;
}

function expandIpv6(ip: string): number[] {
  let text = ip.split("%")[0] as string;
  // A trailing dotted quad (::ffff:127.0.0.1) becomes two words.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((word) => parseInt(word, 16)));
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
