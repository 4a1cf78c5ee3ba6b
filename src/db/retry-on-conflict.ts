// A statement or transaction that lost a race (deadlock 40P01, serialization failure 40001, Prisma's P2034) has
// been rolled back and succeeds when run again: PostgreSQL's own advice
// (https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html). So we run it again here,
// a few times, before anyone sees it. Bounded: after the last attempt the error goes up (503, delivered again
// later). The delays are short and jittered so the two parties of a deadlock do not collide again in step.
import { classifyDatabaseError } from "./classify-database-error.js";

const ATTEMPTS = 4;
const FIRST_DELAY_MS = 10;

export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || classifyDatabaseError(error)?.kind !== "retryable") throw error;
      // 10, 20, 40 ms, each scaled by a random factor in [0.5, 1.5).
      const delay = FIRST_DELAY_MS * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
