// Writing notification messages (issue 16 §2; the outbox of DESIGN §12): one row per (change, endpoint) for every
// enabled endpoint that wants the type (an empty eventTypes = every type). `webhook-id` is `msg_<id>`. The body is
// the exact bytes every attempt sends; `sequence` grows per upload so a receiver can drop a stale message.
//
// THE HOT-PATH HOOK (for the group statement of record-events-sql.ts, after issue 15 lands). Messages must be
// written by that statement itself, so a message exists exactly when its change committed:
//   1. `up` must RETURN, per changed upload: u.id, u."fileId", the status before (the statement reads it from the
//      row it locks: `(SELECT status FROM "Upload" WHERE id = u.id)` is not visible to ON CONFLICT DO UPDATE, so
//      add `prev."status" AS "previousStatus"` through a `prev` CTE that SELECTs the existing rows of the group's
//      FileIds FOR UPDATE before the upsert, or keep it in a column written by the SET), u.status, whether the
//      upload became playable and whether a review verdict was kept, and `to_jsonb(u.*) AS snapshot`.
//   2. The per-upload sequence: a column "notifySequence" BIGINT NOT NULL DEFAULT 0 on "Upload", raised in the same
//      SET by the number of messages the change writes (0 for a no-op), so it is taken under the upload's row lock
//      and only grows; RETURN it.
//   3. Then one more CTE, per (changed upload × event type × subscribed enabled endpoint):
//        , msg AS (
//          INSERT INTO "NotifyMessage" ("endpointId", "eventType", "uploadId", "sequence", "snapshot")
//          SELECT e.id, t.type, up.id, up."notifySequence" - t.n + 1, up.snapshot ||
//                 jsonb_build_object('previousStatus', up."previousStatus")
//          FROM up
//          CROSS JOIN LATERAL (VALUES
//              ('upload.' || lower(up.status::text), up.status IS DISTINCT FROM up."previousStatus"),
//              ('upload.playable', up."becamePlayable"),
//              ('upload.review_completed', up."reviewKept")) AS v(type, wanted)
//          … numbered among the wanted ones as t(type, n) …
//          JOIN "NotifyEndpoint" e ON e.enabled AND (cardinality(coalesce(e."eventTypes", '{}')) = 0
//                                                    OR t.type = ANY (e."eventTypes"))
//          WHERE v.wanted)
//      A duplicate event never reaches `up` (its dedupe key conflicted) and a no-op event changes nothing that
//      `wanted` tests, so both write none. `body` stays NULL: the worker renders it once from `snapshot` (the status
//      API's JSON needs the outputs, which the same statement is writing) and stores it before the first attempt.
//      Cost: nothing for a group without changes or without endpoints (the join is empty).
import type { Db } from "./db.js";

export interface NewMessage {
  type: string;
  /** The upload the change is about; none for endpoint.test. */
  uploadId?: string;
  /** Taken as given; else, with an uploadId, one more than the upload's last message. */
  sequence?: bigint;
  previousStatus?: string | null;
  /** The Upload JSON of the status API (or the test message's data). */
  data: Record<string, unknown>;
  /** Only this endpoint (a test message), whatever it subscribed to. */
  endpointId?: string;
  timestamp?: Date;
}

/** The ids of the rows written, one per endpoint that gets the message. */
export async function enqueueMessage(db: Db, message: NewMessage): Promise<bigint[]> {
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    let sequence = message.sequence ?? null;
    if (sequence === null && message.uploadId !== undefined) {
      // Two writers for one upload take their numbers one after the other (the hot path uses the upload's row lock).
      await client.query("SELECT pg_advisory_xact_lock(hashtext('notify-sequence:' || $1))", [message.uploadId]);
      const last = await client.query<{ last: string | null }>(
        `SELECT max("sequence")::text AS last FROM "NotifyMessage" WHERE "uploadId" = $1`,
        [message.uploadId],
      );
      sequence = BigInt(last.rows[0]?.last ?? "0") + 1n;
    }
    const timestamp = (message.timestamp ?? new Date()).toISOString();
    const data =
      message.uploadId === undefined
        ? message.data
        : { ...message.data, previousStatus: message.previousStatus ?? null, sequence: Number(sequence) };
    const body = JSON.stringify({ type: message.type, timestamp, data });
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO "NotifyMessage" ("endpointId", "eventType", "uploadId", "sequence", "body")
       SELECT e.id, $1, $2, $3, $4 FROM "NotifyEndpoint" e
       WHERE CASE WHEN $5::text IS NULL
                  THEN e.enabled AND (cardinality(coalesce(e."eventTypes", '{}')) = 0 OR $1 = ANY (e."eventTypes"))
                  ELSE e.id = $5 END
       ORDER BY e.id
       FOR KEY SHARE -- no foreign key: the lock keeps an endpoint being deleted from missing these (writeMessages)
       RETURNING id::text`,
      [message.type, message.uploadId ?? null, sequence, body, message.endpointId ?? null],
    );
    await client.query("COMMIT");
    return inserted.rows.map((row) => BigInt(row.id));
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
