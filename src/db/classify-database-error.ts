// What a database failure means for whoever sees it, decided by codes only (never by message text):
//   retryable    — the statement lost a race (deadlock, serialization failure): run it again at once, inside;
//   unavailable  — the database cannot be reached or cannot answer now: 503, the caller tries again later;
//   misconfigured — it answers but refuses us (password, role, database name, TLS): 503 until someone changes a
//                   setting, and a start-up failure should say which.
// null = not a database failure we know of (a bug, a constraint): the caller handles or reports it.
//
// Where the codes live: pg's DatabaseError carries the SQLSTATE in `code`; socket errors carry node's code
// (ECONNREFUSED…); Prisma's PrismaClientKnownRequestError carries a P-code, and with a driver adapter its
// meta.driverAdapterError.cause holds the adapter's `kind` and the SQLSTATE as `originalCode`
// (node_modules/@prisma/adapter-pg convertDriverError). pg's own connection errors carry no code at all; our pool
// tags them (src/db/create-pool.ts). The reason is one sentence for a log line or the CLI; it may quote the
// server's message, which names the database or the role, but nothing here branches on it.

export type DatabaseErrorKind = "unavailable" | "misconfigured" | "retryable";

export interface DatabaseErrorClass {
  kind: DatabaseErrorKind;
  reason: string;
}

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
  address?: unknown;
  hostname?: unknown;
  host?: unknown;
  port?: unknown;
}

/** SQLSTATE → class. https://www.postgresql.org/docs/current/errcodes-appendix.html */
function fromSqlState(code: string, said: string): DatabaseErrorClass | null {
  const found = sqlStateOf(code);
  if (!found) return null;
  // The server's own words name the database or the role; ours say what to change.
  return {
    kind: found.kind,
    reason: `${said || found.cause} (SQLSTATE ${code})${found.advice ? `: ${found.advice}` : ""}`,
  };
}

function sqlStateOf(code: string): { kind: DatabaseErrorKind; cause: string; advice?: string } | null {
  // 40001 serialization_failure, 40P01 deadlock_detected: the transaction lost a race; running it again succeeds.
  if (code === "40001" || code === "40P01")
    return { kind: "retryable", cause: "the transaction lost a race with another one" };
  // 28P01 invalid_password; 28000 invalid_authorization_specification (no such role, pg_hba.conf refuses us).
  if (code === "28P01" || code === "28000")
    return {
      kind: "misconfigured",
      cause: "the database refused our credentials",
      advice: "check the user and password in DATABASE_URL",
    };
  // 3D000 invalid_catalog_name: the database named in the URL does not exist.
  if (code === "3D000")
    return {
      kind: "misconfigured",
      cause: "the database does not exist",
      advice: "check the database name in DATABASE_URL",
    };
  // 42501 insufficient_privilege: the role may connect but not use our tables.
  if (code === "42501")
    return {
      kind: "misconfigured",
      cause: "the database role lacks a privilege",
      advice: "grant it, or use another role in DATABASE_URL",
    };
  // 57014 query_canceled: statement_timeout fired (or an operator cancelled us). Not retried: it would wait again.
  if (code === "57014")
    return {
      kind: "unavailable",
      cause: "a statement was cancelled",
      advice: "it ran longer than DATABASE_STATEMENT_TIMEOUT",
    };
  // 25P03 idle_in_transaction_session_timeout, 57P05 idle_session_timeout: the server closed our session.
  if (code === "25P03" || code === "57P05") return { kind: "unavailable", cause: "the server closed an idle session" };
  // Class 08 connection exception; 57P01-57P03 admin/crash shutdown, cannot connect now; class 53 out of
  // resources (53300 too many connections); 55000 "not currently accepting connections" (datallowconn false);
  // 25006 read-only transaction: we reached a standby (failover in progress).
  if (/^(08...|57P0[123]|53...|55000|25006)$/.test(code))
    return { kind: "unavailable", cause: "the database cannot serve us now" };
  return null;
}

// Node's socket codes. ENOTFOUND stays "unavailable": a compose service that is down does not resolve either.
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
]);
// The codes src/db/create-pool.ts gives pg's own connection errors, which come without one.
const pgConnectionCodes: Record<string, string> = {
  PG_CONNECT_FAILED:
    "no database connection could be had in time (server unreachable, or every one of DATABASE_POOL_SIZE busy)",
  PG_CONNECTION_LOST: "the connection to the database was lost",
};
// Node's TLS certificate codes (the list adapter-pg keeps as TLS_ERRORS).
const tlsCode =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_.*|CERT_.*|INVALID_CA|INVALID_PURPOSE|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_.*|ERR_SSL_.*)$/;

/** Prisma's P-codes. https://www.prisma.io/docs/orm/reference/error-reference */
const prismaCodes: Record<string, DatabaseErrorClass> = {
  P1000: {
    kind: "misconfigured",
    reason: "the database refused our credentials; check the user and password in DATABASE_URL",
  },
  P1003: { kind: "misconfigured", reason: "the database named in DATABASE_URL does not exist" },
  P1010: { kind: "misconfigured", reason: "the database role was denied access; check the user in DATABASE_URL" },
  P1011: {
    kind: "misconfigured",
    reason: "the TLS connection to the database failed; check sslmode and the certificates in DATABASE_URL",
  },
  P1001: {
    kind: "unavailable",
    reason: "the database server cannot be reached; check that it runs and the host and port in DATABASE_URL",
  },
  P1002: { kind: "unavailable", reason: "the database server timed out" },
  P1008: { kind: "unavailable", reason: "a database operation timed out" },
  P1017: { kind: "unavailable", reason: "the database server closed the connection" },
  P2024: { kind: "unavailable", reason: "no database connection was free in time (DATABASE_POOL_SIZE)" },
  P2037: { kind: "unavailable", reason: "the database has too many connections open" },
  P2034: { kind: "retryable", reason: "the transaction lost a race with another one (write conflict or deadlock)" },
};

/** The adapter's kinds that carry no SQLSTATE (socket and TLS failures). */
const adapterKinds: Record<string, DatabaseErrorClass> = {
  DatabaseNotReachable: prismaCodes.P1001 as DatabaseErrorClass,
  ConnectionClosed: prismaCodes.P1017 as DatabaseErrorClass,
  SocketTimeout: prismaCodes.P1008 as DatabaseErrorClass,
  TooManyConnections: prismaCodes.P2037 as DatabaseErrorClass,
  TransactionAlreadyClosed: { kind: "unavailable", reason: "a database transaction was closed before it finished" },
  TlsConnectionError: prismaCodes.P1011 as DatabaseErrorClass,
  AuthenticationFailed: prismaCodes.P1000 as DatabaseErrorClass,
  DatabaseDoesNotExist: prismaCodes.P1003 as DatabaseErrorClass,
  DatabaseAccessDenied: prismaCodes.P1010 as DatabaseErrorClass,
  TransactionWriteConflict: prismaCodes.P2034 as DatabaseErrorClass,
};

export function classifyDatabaseError(error: unknown): { kind: DatabaseErrorKind; reason: string } | null {
  // Walk the error and what it wraps, most specific last: Prisma's error → meta.driverAdapterError → its cause
  // (the adapter's mapped error) ; pg-pool and our tags chain with `cause`. The innermost SQLSTATE wins, since
  // its reason names the database or role.
  let found: DatabaseErrorClass | null = null;
  const seen: unknown[] = [error];
  for (let index = 0; index < seen.length && index < 12; index += 1) {
    const candidate = seen[index] as ErrorLike | null;
    if (!candidate || typeof candidate !== "object") continue;
    const said =
      typeof candidate.originalMessage === "string"
        ? candidate.originalMessage
        : typeof candidate.message === "string"
          ? candidate.message
          : "";
    const here = classifyOne(candidate, said);
    if (here) found = here;
    seen.push(candidate.meta?.driverAdapterError, candidate.cause);
  }
  return found;
}

function classifyOne(candidate: ErrorLike, said: string): DatabaseErrorClass | null {
  for (const value of [candidate.originalCode, candidate.code]) {
    if (typeof value !== "string") continue;
    if (/^[0-9A-Z]{5}$/.test(value) && !/^P\d{4}$/.test(value)) {
      const byState = fromSqlState(value, said);
      if (byState) return byState;
    }
    if (networkCodes.has(value)) {
      const where =
        typeof candidate.address === "string" || typeof candidate.hostname === "string"
          ? ` at ${String(candidate.address ?? candidate.hostname)}${portSuffix(candidate.port)}`
          : "";
      return {
        kind: "unavailable",
        reason: `the database server${where} cannot be reached (${value}); check that it runs and the host and port in DATABASE_URL`,
      };
    }
    const pgConnection = pgConnectionCodes[value];
    if (pgConnection) return { kind: "unavailable", reason: pgConnection };
    if (tlsCode.test(value))
      return {
        kind: "misconfigured",
        reason: `the TLS connection to the database failed (${value}); check sslmode and the certificates in DATABASE_URL`,
      };
    const byPrisma = prismaCodes[value];
    if (byPrisma) return byPrisma;
  }
  if (typeof candidate.kind !== "string") return null;
  const byKind = adapterKinds[candidate.kind] ?? null;
  if (byKind && candidate.kind === "DatabaseNotReachable" && typeof candidate.host === "string") {
    return {
      kind: byKind.kind,
      reason: `the database server at ${candidate.host}${portSuffix(candidate.port)} cannot be reached; check that it runs and the host and port in DATABASE_URL`,
    };
  }
  return byKind;
  return null;
}

function portSuffix(port: unknown): string {
  return typeof port === "number" || (typeof port === "string" && port !== "") ? `:${port}` : "";
}
