// One keep-alive HTTP(S) agent per endpoint (issue 16 §3): a message reuses an open connection to its endpoint
// instead of a TCP (and TLS) handshake each, at most `maxSockets` connections per endpoint (more wait their turn
// within their timeout). Idle connections close after IDLE_MS, or a second before the endpoint's own announced
// keep-alive timeout (Node's agent reads `Keep-Alive: timeout=`), and an agent unused for AGENT_IDLE_MS is dropped.
//
// Every NEW connection is checked where it is made (resolve-endpoint-address.ts): a name is resolved by the socket's
// own lookup, which refuses a blocked address and answers with exactly the address it checked; an IP literal (the
// socket looks nothing up) is checked on the spot. So a pooled connection goes to an address that was checked when it
// was opened, and DNS rebinding cannot get through. A refusal is the socket's error, code ENDPOINT_REFUSED.
import http from "node:http";
import https from "node:https";
import net, { type LookupFunction } from "node:net";
import { checkLiteralAddress, resolveEndpointAddress, type LookupAll } from "./resolve-endpoint-address.js";

export const REFUSED_CODE = "ENDPOINT_REFUSED";
const IDLE_MS = 30_000;
const AGENT_IDLE_MS = 120_000;

export interface EndpointAgents {
  agentFor(endpointId: string, url: URL): http.Agent;
  /** Closes every connection, idle or not. */
  close(): void;
}

export function createEndpointAgents(options: {
  allowPrivate: boolean;
  maxSockets: number;
  lookup?: LookupAll;
}): EndpointAgents {
  const agents = new Map<string, { agent: http.Agent; usedAt: number }>();
  const refused = (reason: string) => Object.assign(new Error(`refused: ${reason}`), { code: REFUSED_CODE });

  const lookup = ((hostname, lookupOptions, callback) => {
    void resolveEndpointAddress(hostname, options).then((resolved) => {
      if (!resolved.ok) return callback(refused(resolved.reason), "", 0);
      const { address, family } = resolved.address;
      // Node asks with {all: true} when it may try several addresses (autoSelectFamily): answer with the one checked.
      if ((lookupOptions as { all?: boolean }).all)
        (callback as (e: null, a: unknown[]) => void)(null, [resolved.address]);
      else callback(null, address, family);
    });
  }) as LookupFunction;

  const create = (secure: boolean): http.Agent => {
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets,
      timeout: IDLE_MS,
      scheduling: "lifo" as const,
    };
    const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = (connectOptions, callback) => {
      const host = String(connectOptions.host ?? "");
      const literal = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
      if (net.isIP(literal) !== 0) {
        const checked = checkLiteralAddress(literal, options);
        if (!checked.ok) {
          callback?.(refused(checked.reason), undefined as never);
          return undefined;
        }
        return connect(connectOptions, callback);
      }
      return connect({ ...connectOptions, lookup }, callback);
    };
    return agent;
  };

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of agents) {
      if (now - entry.usedAt > AGENT_IDLE_MS) {
        entry.agent.destroy();
        agents.delete(key);
      }
    }
  }, AGENT_IDLE_MS).unref();

  return {
    agentFor(endpointId, url) {
      const secure = url.protocol === "https:";
      const key = `${endpointId} ${secure ? "https" : "http"}`;
      let entry = agents.get(key);
      if (!entry) agents.set(key, (entry = { agent: create(secure), usedAt: 0 }));
      entry.usedAt = Date.now();
      return entry.agent;
    },
    close() {
      clearInterval(sweep);
      for (const { agent } of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
