// A pg.Pool whose connection failures carry a code. node-postgres reports some of them as a bare Error with only a
// message ("timeout exceeded when trying to connect", "Connection terminated unexpectedly", "Client has
// encountered a connection error and is not queryable"; see node_modules/pg/lib/client.js and pg-pool/index.js),
// and we classify by codes only (classify-database-error.ts). So we give them one where their meaning is known
// from where they surface, not from their text:
//   PG_CONNECT_FAILED  — acquiring a connection from the pool failed (pool busy past connectionTimeoutMillis, a
//                        connection attempt timed out or was cut, the pool is closing);
//   PG_CONNECTION_LOST — the connection died under a query (an 'error' event, or a query on a client that is no
//                        longer queryable).
// An error that already has a code (a SQLSTATE, node's ECONNRESET…) is left as it is.
import pg from "pg";

const CONNECT_FAILED = "PG_CONNECT_FAILED";
const CONNECTION_LOST = "PG_CONNECTION_LOST";

/** Tags an error from opening a connection as the pool tags its own (create-pipeline.ts opens one itself). */
export const tagConnectFailed = <T>(error: T): T => tag(error, CONNECT_FAILED);

function tag<T>(error: T, code: string): T {
  // Only pg's own bare errors: a TypeError from a bad argument is a bug, not an outage.
  if (error instanceof Error && error.constructor === Error && (error as { code?: unknown }).code === undefined) {
    Object.assign(error, { code });
  }
  return error;
}

type Callback = (error: Error | undefined, ...rest: unknown[]) => void;

export class CodedClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    // First listener, so the pool's own (pool.query rejects from it) already sees the code.
    this.prependListener("error", (error: Error) => tag(error, CONNECTION_LOST));
  }

  // pg's query has many overloads; we only wrap what comes back, in its callback and promise forms.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | undefined, ...rest: unknown[]) =>
        (last as Callback)(error && this.lost(error), ...rest);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) return result.catch((error: Error) => Promise.reject(this.lost(error))) as never;
    return result as never;
  }

  private lost<T>(error: T): T {
    // A bare error while the client is still usable is not about the connection (a type parser's, say).
    const state = this as unknown as { _queryable?: boolean; _ending?: boolean; _ended?: boolean };
    return state._queryable === false || state._ending === true || state._ended === true
      ? tag(error, CONNECTION_LOST)
      : error;
  }
}

class CodedPool extends pg.Pool {
  // pool.query acquires through this.connect too, so both paths get the code.
  override connect(...args: unknown[]): never {
    const callback = args[0];
    if (typeof callback === "function") {
      return (super.connect as (cb: Callback) => void)((error, ...rest) =>
        (callback as Callback)(error && tag(error, CONNECT_FAILED), ...rest),
      ) as never;
    }
    return super.connect().catch((error: Error) => Promise.reject(tag(error, CONNECT_FAILED))) as never;
  }
}

export function createPool(config: pg.PoolConfig): pg.Pool {
  return new CodedPool({ ...config, Client: CodedClient as unknown as pg.PoolConfig["Client"] });
}
