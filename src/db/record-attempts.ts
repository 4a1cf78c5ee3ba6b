// The outcomes of delivery attempts, a batch in one statement: every attempt row (always: it happened), each
// message's new state and, after its first attempt, the body that attempt sent (only while the claim is still that
// worker's: a worker whose lease ran out must not overwrite the state another worker wrote; claim-messages.ts), and,
// for an answer 410 Gone, the endpoint disabled (issue 16 §3).
// NotifyAttempt has no foreign key to its message (its check locked the message row once more per attempt): the
// statement takes FOR KEY SHARE on the endpoints of the batch once, as the hot path does, and an attempt whose
// endpoint is gone is not written. Deleting an endpoint deletes its row first, then its messages and attempts
// (notify-endpoint-store.ts): it waits for a statement holding the lock, and the ones after it skip the endpoint.
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
  /** The body this attempt sent when the claim rendered it (the message has none stored yet); else null. */
  body: string | null;
}

export async function recordAttempts(db: Db, records: readonly AttemptRecord[]): Promise<void> {
  if (records.length === 0) return;
  // text cannot hold NUL: an answer's NUL bytes are replaced by the caller.
  const rows = records.map((r, n) => ({ ...r, n, messageId: String(r.messageId) }));
  await db.pool.query(
    `WITH r AS (
       SELECT * FROM json_to_recordset($1::json) AS r(n int, "messageId" bigint, "endpointId" text,
         "claimToken" text, outcome text, "messageStatus" text, "nextAttemptAt" timestamptz, "httpStatus" int,
         "latencyMs" int, response text, error text, "disableEndpoint" text, body text)
     ), k AS (
       SELECT e.id FROM "NotifyEndpoint" e WHERE e.id IN (SELECT DISTINCT "endpointId" FROM r) FOR KEY SHARE
     ), m AS (
       UPDATE "NotifyMessage" m
       SET status = r."messageStatus", "nextAttemptAt" = coalesce(r."nextAttemptAt", m."nextAttemptAt"),
           "claimToken" = NULL, "lastStatus" = r."httpStatus", "lastError" = r.error,
           "deliveredAt" = CASE WHEN r."messageStatus" = 'delivered' THEN now() END, "updatedAt" = now(),
           body = coalesce(m.body, r.body)
       FROM r
       -- The endpoints locked before any message (a qual evaluated before the first row is changed): a delete of the
       -- endpoint waits for this statement, or this one for the delete, never each for the other.
       WHERE m.id = r."messageId" AND m."claimToken" = r."claimToken" AND r."endpointId" IN (SELECT id FROM k)
       RETURNING m.id
     ), e AS (
       UPDATE "NotifyEndpoint" e SET enabled = false, "disabledReason" = d.reason, "updatedAt" = now()
       FROM (SELECT DISTINCT ON ("endpointId") "endpointId", "disableEndpoint" AS reason FROM r
             WHERE "disableEndpoint" IS NOT NULL) d
       WHERE e.id = d."endpointId"
       RETURNING e.id
     )
     INSERT INTO "NotifyAttempt" ("messageId", "endpointId", outcome, "httpStatus", "latencyMs", response, error)
     SELECT r."messageId", r."endpointId", r.outcome, r."httpStatus", r."latencyMs", r.response, r.error
     FROM r
     WHERE r."endpointId" IN (SELECT id FROM k)
     ORDER BY r.n`,
    [JSON.stringify(rows)],
  );
}
