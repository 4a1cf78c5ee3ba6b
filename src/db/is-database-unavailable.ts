// Which failures mean "the database cannot be reached" (answer 503, VOD or the puller retries later) rather than a
// bug. Matched on the codes node-postgres, PostgreSQL and Prisma's driver adapter report.
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
// SQLSTATE class 08 = connection exception; 57P01-57P03 = server shutting down / cannot connect now;
// 53300 = too many connections; 55000 = "database is not currently accepting connections" (ALLOW_CONNECTIONS
// false); 40001/40P01 (serialization failure, deadlock) are transient too.
const transientSqlStates = /^(08...|57P0[123]|53300|53200|55000|40001|40P01)$/;
// Kinds Prisma's driver adapter reports for a lost or unreachable database.
const unavailableKinds = new Set(["ConnectionClosed", "DatabaseNotReachable", "SocketTimeout", "TooManyConnections", "DatabaseAccessDenied", "TransactionAlreadyClosed"]);

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

export function isDatabaseUnavailable(error: unknown): boolean {
  // Walk the error and what it wraps: Prisma puts the driver's error in meta.driverAdapterError, whose cause holds
  // the PostgreSQL code or the adapter's kind; node-postgres chains with cause.
  const seen: unknown[] = [error];
  for (let index = 0; index < seen.length && index < 12; index += 1) {
    const candidate = seen[index] as ErrorLike | null;
    if (!candidate || typeof candidate !== "object") continue;
    const codes = [candidate.code, candidate.originalCode].map((value) => String(value ?? ""));
    if (codes.some((code) => networkCodes.has(code) || transientSqlStates.test(code))) return true;
    // Prisma's codes for an unreachable/closed database: P1001, P1002, P1008, P1017; P2024 = pool timeout.
    if (codes.some((code) => /^(P1001|P1002|P1008|P1017|P2024)$/.test(code))) return true;
    if (typeof candidate.kind === "string" && unavailableKinds.has(candidate.kind)) return true;
    const message = typeof candidate.message === "string" ? candidate.message : "";
    if (/Connection terminated|connection timeout|Can't reach database|terminating connection|Client has encountered a connection error|timeout exceeded when trying to connect|Connection closed|ECONNREFUSED|ECONNRESET|not currently accepting connections/i.test(message)) {
      return true;
    }
    seen.push(candidate.meta?.driverAdapterError, candidate.cause);
  }
  return false;
}
