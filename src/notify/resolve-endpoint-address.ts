// The address a notification connects to, checked (blocked-address-reason.ts) after resolving the endpoint's host.
// The delivery connects to exactly this address (endpoint-agents.ts answers the socket's own lookup with it, for every
// new connection), so a name that resolves to a public address when checked and to 127.0.0.1 a moment later (DNS
// rebinding) cannot get through.
import dns from "node:dns";
import net from "node:net";
import { blockedAddressReason } from "./blocked-address-reason.js";

export interface EndpointAddress {
  address: string;
  family: 4 | 6;
}

export type Resolved = { ok: true; address: EndpointAddress } | { ok: false; reason: string };

export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const lookupAll: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * Every address the host resolves to must be allowed (one private answer among public ones is refused: which one a
 * client would pick is not ours to guess). `allowPrivate` skips the check, not the resolution.
 */
export async function resolveEndpointAddress(
  hostname: string,
  options: { allowPrivate: boolean; lookup?: LookupAll },
): Promise<Resolved> {
  const host = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  if (net.isIP(host) !== 0) return checkLiteralAddress(host, options);
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await (options.lookup ?? lookupAll)(host);
  } catch (error) {
    return { ok: false, reason: `host ${host} does not resolve (${(error as { code?: string }).code ?? "error"})` };
  }
  return checkAddresses(host, addresses, options);
}

/** An IP literal as the host: nothing to resolve, the same rule (synchronous: a socket is made on the spot). */
export function checkLiteralAddress(host: string, options: { allowPrivate: boolean }): Resolved {
  return checkAddresses(host, [{ address: host, family: net.isIP(host) }], options);
}

function checkAddresses(
  host: string,
  addresses: Array<{ address: string; family: number }>,
  options: { allowPrivate: boolean },
): Resolved {
  const first = addresses[0];
  if (!first) return { ok: false, reason: `host ${host} has no address` };
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason !== null) return { ok: false, reason: `${host} resolves to a ${reason}` };
    }
  }
  return { ok: true, address: { address: first.address, family: first.family === 6 ? 6 : 4 } };
}
