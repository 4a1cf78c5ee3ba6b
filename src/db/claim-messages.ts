// A delivery worker takes messages due now (issue 16 §3): FOR UPDATE SKIP LOCKED, so any number of workers in any
// number of replicas take disjoint messages, and a lease instead of a held transaction: the claim moves
// nextAttemptAt to the end of the lease and stamps a token. A worker killed mid-delivery leaves the message pending;
// when the lease runs out another worker (or the same one restarted) takes it again, with the same webhook-id.
// Messages of a disabled endpoint wait (a re-enabled endpoint gets them). The attempt is counted at the claim, so a
// message that kills its worker every time still spends its schedule.
import type { Db } from "./db.js";

export interface ClaimedMessage {
  id: bigint;
  webhookId: string;
  endpointId: string;
  eventType: string;
  body: string | null;
  snapshot: unknown;
  /** Attempts including this one. */
  attempt: number;
  createdAt: Date;
  url: string;
  /** The current secret first, then the previous one while its 24 h overlap lasts. */
  secrets: string[];
  claimToken: string;
}

export async function claimMessages(
  db: Db,
  options: { limit: number; leaseMs: number; claimToken: string },
): Promise<ClaimedMessage[]> {
  const result = await db.pool.query<{
    id: string;
    endpointId: string;
    eventType: string;
    body: string | null;
    snapshot: unknown;
    attempts: number;
    createdAt: Date;
    url: string;
    secret: string;
    previousSecret: string | null;
  }>(
    `WITH due AS (
       SELECT m.id FROM "NotifyMessage" m
       JOIN "NotifyEndpoint" e ON e.id = m."endpointId" AND e.enabled
       WHERE m.status = 'pending' AND m."nextAttemptAt" <= now()
       ORDER BY m."nextAttemptAt", m.id
       LIMIT $1
       FOR UPDATE OF m SKIP LOCKED
     )
     UPDATE "NotifyMessage" m
     SET "nextAttemptAt" = now() + $2 * interval '1 millisecond', "claimToken" = $3, attempts = m.attempts + 1,
         "updatedAt" = now()
     FROM due, "NotifyEndpoint" e
     WHERE m.id = due.id AND e.id = m."endpointId"
     RETURNING m.id::text, m."endpointId", m."eventType", m.body, m.snapshot, m.attempts, m."createdAt", e.url,
               e.secret, CASE WHEN e."previousSecretUntil" > now() THEN e."previousSecret" END AS "previousSecret"`,
    [options.limit, options.leaseMs, options.claimToken],
  );
  return result.rows.map((row) => ({
    id: BigInt(row.id),
    webhookId: `msg_${row.id}`,
    endpointId: row.endpointId,
    eventType: row.eventType,
    body: row.body,
    snapshot: row.snapshot,
    attempt: row.attempts,
    createdAt: row.createdAt,
    url: row.url,
    secrets: row.previousSecret === null ? [row.secret] : [row.secret, row.previousSecret],
    claimToken: options.claimToken,
  }));
}
