// Tests may talk to this machine only (STYLE §11): the emulator, PostgreSQL and every service under test listen on
// loopback. A connection to anything else — a real Tencent endpoint left in a config, a mistyped host — fails at
// once, before a packet leaves, with an error naming the host. Every TCP and TLS client (net.connect, tls.connect,
// http, fetch/undici, pg) ends in net.Socket.prototype.connect, so that one method is guarded; dns.lookup is guarded
// too, because resolving a name already asks the network. Unix sockets pass. Child processes are not guarded: the
// ones tests spawn are given an explicit environment pointing at loopback.
import dns from "node:dns";
import net from "node:net";

export const NETWORK_GUARD_CODE = "ERR_TEST_NETWORK_GUARD";

const installed = Symbol.for("vod-upload-tracker.network-guard");

export function installNetworkGuard(): void {
  const socket = net.Socket.prototype as net.Socket & { [installed]?: true };
  if (socket[installed]) return;
  socket[installed] = true;

  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this`
  const connect = socket.connect;
  socket.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (host !== undefined && !isLoopback(host)) throw refused(host);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  };

  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) throw refused(hostname);
    return (lookup as (...a: unknown[]) => void).call(dns, hostname, ...rest);
  } as typeof dns.lookup;
  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = async function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) throw refused(hostname);
    return (lookupPromise as (...a: unknown[]) => Promise<unknown>).call(dns.promises, hostname, ...rest);
  } as typeof dns.promises.lookup;
}

/** The host a connect(...) call targets, or undefined for a unix socket. Node's own default host is localhost. */
function hostOf(args: unknown[]): string | undefined {
  // net.connect() hands the socket its already-normalised [options, callback] array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) {
    const options = first as { path?: unknown; host?: unknown };
    if (typeof options.path === "string") return undefined;
    return typeof options.host === "string" && options.host !== "" ? options.host : "localhost";
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return undefined; // connect(path)
  return typeof args[1] === "string" && args[1] !== "" ? args[1] : "localhost";
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  const v4 = bare.startsWith("::ffff:") ? bare.slice("::ffff:".length) : bare;
  return net.isIPv4(v4) && v4.startsWith("127.");
}

function refused(host: string): Error {
  const error = new Error(
    `test network guard: refused a connection to ${host}; tests may reach loopback only (127.0.0.0/8, ::1, localhost)`,
  );
  return Object.assign(error, { code: NETWORK_GUARD_CODE, host });
}
