// One connection that takes statements back to back (node-postgres's pipeline mode, `pipeline: true`; pg is
// pinned), for the group-commit statement (issue 13). With a pool, PostgreSQL waits between two groups for the round
// trip to Node: the answer's way back, the event loop getting to it among the HTTP requests (~1.7 ms under load),
// the next group's way there.
// Here the next group is written while the running one executes, so PostgreSQL starts it the moment the running one
// commits. Every statement still has its own Sync: its own implicit transaction, its own error, and a statement
// that fails leaves the ones behind it untouched (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-PIPELINING).
//
// Not for the embedded database: its socket server runs every connection in one session (record-event.ts), which
// gains nothing from this. Connects on first use; a connection that breaks fails what was written to it (pg
// rejects each with the error, tagged PG_CONNECTION_LOST as on the pool) and the next statement opens a new one.
// A failed connect is tagged PG_CONNECT_FAILED, as the pool's: both read as "database unavailable" (503).
import pg from "pg";
import { classifyDatabaseError } from "./classify-database-error.js";
import { CodedClient, tagConnectFailed } from "./create-pool.js";

export interface Pipeline {
  /** A named statement is parsed once on the connection, as on the pool's. */
  query<R extends pg.QueryResultRow>(
    statement: { name?: string; text: string },
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  close(): Promise<void>;
}

/** node-postgres's socket (pg 8.x, pinned): Client.connection.stream. */
interface WithSocket {
  connection?: { stream?: { cork(): void; uncork(): void } };
}

/** `onLost` hears of a connection that broke (it is replaced on next use). */
export function createPipeline(config: pg.ClientConfig, onLost: (error: Error) => void = () => undefined): Pipeline {
  let current: Promise<pg.Client> | null = null;
  let closed = false;

  // A connection that broke, or whose backend said it is going away, is never written to again: pg has already
  // failed what it held, and the next statement opens a new one.
  const retire = (connecting: Promise<pg.Client>, client?: pg.Client) => {
    if (current === connecting) current = null;
    void client?.end().catch(() => undefined);
  };

  const open = (): Promise<pg.Client> => {
    // Kept open for the life of the process, unlike the pool's (idle 30 s): TCP keepalive lets a connection that a
    // firewall or NAT dropped in silence be noticed and replaced instead of swallowing the next statement.
    const client = new CodedClient({ ...config, pipeline: true, keepAlive: true, keepAliveInitialDelayMillis: 60_000 });
    const connecting: Promise<pg.Client> = client.connect().then(
      () => client,
      (error: Error) => {
        retire(connecting);
        return Promise.reject(tagConnectFailed(error));
      },
    );
    client.on("error", (error: Error) => {
      retire(connecting);
      onLost(error);
    });
    client.on("end", () => retire(connecting));
    return connecting;
  };

  return {
    async query<R extends pg.QueryResultRow>(statement: { name?: string; text: string }, values?: unknown[]) {
      if (closed) throw tagConnectFailed(new Error("the pipeline is closed"));
      const connecting = (current ??= open());
      const client = await connecting;
      // pg writes Bind, Describe, Execute and Sync one by one: corked, they leave as one write.
      const socket = (client as unknown as WithSocket).connection?.stream;
      socket?.cork();
      let answer: Promise<pg.QueryResult<R>>;
      try {
        answer = client.query<R>({ ...statement, values: values ?? [] });
      } finally {
        socket?.uncork();
      }
      return answer.catch((error: unknown) => {
        // The backend going away (57P01 admin_shutdown…) or the connection lost can reach us before the socket's
        // end: nothing more may be written to it. A statement timeout (57014) leaves the connection as it was.
        if (classifyDatabaseError(error)?.kind === "unavailable" && (error as { code?: unknown }).code !== "57014")
          retire(connecting, client);
        throw error;
      });
    },
    async close() {
      closed = true;
      const last = current;
      current = null;
      await last?.then((client) => client.end()).catch(() => undefined);
    },
  };
}
