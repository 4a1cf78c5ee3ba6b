// A delivery worker takes a batch of messages due now (issue 16 §3): FOR UPDATE SKIP LOCKED, so any number of
// workers in any number of replicas take disjoint messages, and a lease instead of a held transaction: the claim
// moves nextAttemptAt to the end of the lease and stamps a token. A worker killed mid-delivery leaves the message
// pending; when the lease runs out another worker (or the same one restarted) takes it again, with the same
// webhook-id. Messages of a disabled endpoint wait (a re-enabled endpoint gets them). The attempt is counted at the
// claim, so a message that kills its worker every time still spends its schedule: claimed once more when it is
// spent (maxAttempts), it is failed by that claim instead of handed out (lastError says why; recover brings it back).
//
// One statement per batch, no transaction held: the UPDATE locks the batch and stamps the lease (the row rewritten
// once per claim), and returns, for a message whose body is still to render, the snapshot of its change, which only
// the first message of a change for each endpoint holds (record-events-sql.ts, writeMessages): any of them, found by
// (uploadId, sequence) alone — with the endpoint in the condition too, a planner with stale statistics ANDed in the
// (endpointId, id) index, 11 ms a message — and its file's outputs and task statuses as the status API does. The
// worker renders those bodies (render-message-body.ts, passed in) and the outcome of the first attempt stores the
// body with it (record-attempts.ts): every later attempt sends the stored bytes. A body is written once, by the
// statement that writes the outcome anyway; before, the claim's own transaction (lock, render, UPDATE with the
// bodies) rewrote each row twice per delivery and cost three more round trips (issue 16, seventh session). So a
// worker killed between its POST and the record leaves no body: the next claim renders it again, from the same
// snapshot with the outputs as they are then, under the same webhook-id (a receiver that saw the first keeps it).
//
// The lock reads only what it takes: the partial index NotifyMessage_pending_idx in its order, stopped by the LIMIT,
// each row's endpoint looked up by key as it passes. Not a join nor an anti join: with one endpoint, the planner's
// estimate of those (every row matches, or none) made it prefer reading and sorting every pending row (measured:
// 55 ms for 60,000 pending, against 0.3 ms); a sub-select's estimate does not depend on them.
import type { OutputRow } from "../uploads/output-row.js";
import type { Db } from "./db.js";
import { outputRowsOfText } from "./output-rows-of-text.js";
import { extras, selectStatusExtras } from "./status-text.js";

/** What a body is rendered from: the hot path's snapshot of the upload, and its file's outputs and tasks now. */
export interface MessageToRender {
  id: bigint;
  eventType: string;
  snapshot: unknown;
  extras: { outputs: OutputRow[]; taskStatuses: string[] };
  createdAt: Date;
}

export interface ClaimedMessage {
  id: bigint;
  webhookId: string;
  endpointId: string;
  /** null only when it could not be rendered: its attempt is recorded without a POST (deliver-message.ts). */
  body: string | null;
  /** The body was rendered by this claim: its first recorded attempt stores it. */
  rendered: boolean;
  /** Attempts including this one. */
  attempt: number;
  url: string;
  /** The current secret first, then the previous one while its 24 h overlap lasts. */
  secrets: string[];
  claimToken: string;
}

/** lastError of a message whose last attempts ended without an outcome recorded (its worker died each time). */
export const SPENT_WITHOUT_OUTCOME =
  "the schedule was spent with no outcome recorded for its last attempt: the worker stopped before the lease ran out";
const SPENT = SPENT_WITHOUT_OUTCOME.replaceAll("'", "''");
/** In the claim's SET: the message being claimed has had its schedule's attempts already (the old row's count). */
const spent = `coalesce(m.attempts >= $4::int, false)`;

// The claimed row's columns, then the outputs and task statuses of its upload (status-text.ts, selectStatusExtras)
// when its body is null: the rest of the upload is the snapshot.
const COLUMNS = 10;

export async function claimMessages(
  db: Db,
  options: {
    limit: number;
    leaseMs: number;
    claimToken: string;
    /** The body of a message without one; null when it cannot be rendered. */
    render: (message: MessageToRender) => string | null;
    /** The retry schedule's length: a message claimed this many times with no outcome recorded is failed instead. */
    maxAttempts?: number;
  },
): Promise<ClaimedMessage[]> {
  const locked = await db.pool.query<unknown[]>({
    text: `WITH m AS (
       UPDATE "NotifyMessage" m
       SET "nextAttemptAt" = CASE WHEN ${spent} THEN m."nextAttemptAt" ELSE now() + $2 * interval '1 millisecond' END,
           "claimToken" = CASE WHEN ${spent} THEN NULL ELSE $3 END,
           attempts = CASE WHEN ${spent} THEN m.attempts ELSE m.attempts + 1 END,
           status = CASE WHEN ${spent} THEN 'failed' ELSE m.status END,
           "lastError" = CASE WHEN ${spent} THEN '${SPENT}' ELSE m."lastError" END,
           "updatedAt" = now()
       -- ANY (ARRAY(…)): the batch is chosen and locked once, before any row is changed (an InitPlan).
       WHERE m.id = ANY (ARRAY(
         SELECT q.id FROM "NotifyMessage" q
         WHERE q.status = 'pending' AND q."nextAttemptAt" <= now()
           AND (SELECT e.enabled FROM "NotifyEndpoint" e WHERE e.id = q."endpointId")
         ORDER BY q."nextAttemptAt", q.id
         LIMIT $1
         FOR UPDATE OF q SKIP LOCKED))
       RETURNING m.id, m.status = 'failed' AS spent, m."endpointId", m."eventType", m."uploadId", m.sequence, m.body,
                 m.snapshot, m.attempts, m."createdAt"
     )
     SELECT m.id::text, m."endpointId", m."eventType", m.body, r.snapshot, m.attempts, m."createdAt", e.url,
            e.secret, CASE WHEN e."previousSecretUntil" > now() THEN e."previousSecret" END, s.*
     FROM m
     JOIN "NotifyEndpoint" e ON e.id = m."endpointId"
     LEFT JOIN LATERAL (SELECT coalesce(m.snapshot, (SELECT c.snapshot FROM "NotifyMessage" c
                               WHERE c."uploadId" = m."uploadId" AND c.sequence = m.sequence
                                 AND c.snapshot IS NOT NULL
                               LIMIT 1)) AS snapshot
                        WHERE m.body IS NULL
                        OFFSET 0 -- not flattened: the look-up would run again inside the Upload one's key
                        ) r ON true
     LEFT JOIN LATERAL (SELECT ${selectStatusExtras("u", { outputs: true })} FROM "Upload" u
                        WHERE u."fileId" = r.snapshot->>'fileId') s ON true
     WHERE NOT m.spent
     ORDER BY m.id`,
    values: [options.limit, options.leaseMs, options.claimToken, options.maxAttempts ?? null],
    rowMode: "array",
  });
  return locked.rows.map((row): ClaimedMessage => {
    const [id, endpointId, eventType, body, snapshot, attempts, createdAt, url, secret, previousSecret] = row as [
      string,
      string,
      string,
      string | null,
      unknown,
      number,
      Date,
      string,
      string,
      string | null,
    ];
    const rendered =
      body === null ? options.render({ id: BigInt(id), eventType, snapshot, extras: extrasOf(row), createdAt }) : null;
    return {
      id: BigInt(id),
      webhookId: `msg_${id}`,
      endpointId,
      body: body ?? rendered,
      rendered: rendered !== null,
      attempt: attempts,
      url,
      secrets: previousSecret === null ? [secret] : [secret, previousSecret],
      claimToken: options.claimToken,
    };
  });
}

function extrasOf(row: unknown[]): MessageToRender["extras"] {
  const outputs = row[COLUMNS + extras.outputs];
  const tasks = row[COLUMNS + extras.taskStatuses];
  return {
    outputs: outputRowsOfText(typeof outputs === "string" ? outputs : outputs == null ? null : JSON.stringify(outputs)),
    taskStatuses: Array.isArray(tasks) ? tasks.filter((s): s is string => typeof s === "string") : [],
  };
}
