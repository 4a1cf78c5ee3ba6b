// Which failures mean "the database cannot be reached" (answer 503, VOD or the puller retries later) rather than a
// bug. Matched on the codes node-postgres, PostgreSQL and Prisma's driver adapter report.
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
// SQLSTATE class 08 = connection exception; 57P01-57P03 = server shutting down / cannot connect now;
// 53300 = too many connections; 40001/40P01 (serialization failure, deadlock) are transient too.
const transientSqlStates = /^(08...|57P0[123]|53300|53200|40001|40P01)$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; originalCode?: unknown };
    const code = String(candidate.code ?? candidate.originalCode ?? "");
    if (networkCodes.has(code) || transientSqlStates.test(code)) return true;
    // Prisma's error codes for an unreachable/closed database: P1001, P1002, P1017; P2024 = pool timeout.
    if (/^(P1001|P1002|P1008|P1017|P2024)$/.test(code)) return true;
    const message = typeof candidate.message === "string" ? candidate.message : "";
    if (/Connection terminated|connection timeout|Can't reach database|terminating connection|Client has encountered a connection error|timeout exceeded when trying to connect|Connection closed|ECONNREFUSED|ECONNRESET/i.test(message)) {
      return true;
    }
    current = candidate.cause;
  }
  return false;
}
