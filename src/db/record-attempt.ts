// The outcome of one delivery attempt, in one statement: the attempt row (always: it happened), the message's new
// state (only while the claim is still this worker's: a worker whose lease ran out must not overwrite the state
// another worker wrote), and, for an answer 410 Gone, the endpoint disabled (issue 16 §3).
import type { Db } from "./db.js";

export type AttemptOutcome = "delivered" | "retry" | "failed" | "disabled" | "refused";

export interface AttemptRecord {
  messageId: bigint;
  endpointId: string;
  claimToken: string;
  outcome: AttemptOutcome;
  /** pending (another try at nextAttemptAt), delivered or failed. */
  messageStatus: "pending" | "delivered" | "failed";
  nextAttemptAt: Date | null;
  httpStatus: number | null;
  latencyMs: number;
  response: string | null;
  error: string | null;
  disableEndpoint: string | null;
}

export async function recordAttempt(db: Db, record: AttemptRecord): Promise<void> {
  await db.pool.query(
    `WITH m AS (
       UPDATE "NotifyMessage"
       SET status = $3, "nextAttemptAt" = coalesce($4, "nextAttemptAt"), "claimToken" = NULL, "lastStatus" = $5,
           "lastError" = $6, "deliveredAt" = CASE WHEN $3 = 'delivered' THEN now() END, "updatedAt" = now()
       WHERE id = $1 AND "claimToken" = $2
       RETURNING id
     ), e AS (
       UPDATE "NotifyEndpoint" SET enabled = false, "disabledReason" = $10, "updatedAt" = now()
       WHERE $10::text IS NOT NULL AND id = $9
       RETURNING id
     )
     INSERT INTO "NotifyAttempt" ("messageId", "endpointId", outcome, "httpStatus", "latencyMs", response, error)
     VALUES ($1, $9, $11, $5, $7, $8, $6)`,
    [
      record.messageId,
      record.claimToken,
      record.messageStatus,
      record.nextAttemptAt,
      record.httpStatus,
      record.error,
      record.latencyMs,
      record.response,
      record.endpointId,
      record.disableEndpoint,
      record.outcome,
    ],
  );
}
