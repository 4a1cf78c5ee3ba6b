// Writing notification messages (issue 16 §2; the outbox of DESIGN §12): one row per (change, endpoint) for every
// enabled endpoint that wants the type (an empty eventTypes = every type). `webhook-id` is `msg_<id>`. The body is
// the exact bytes every attempt sends; `sequence` grows per upload so a receiver can drop a stale message.
//
// The hot path writes its messages itself, in its group statement (record-events-sql.ts: the columns the upsert's
// SET keeps for it — notifySequence, notifyPrevStatus, notifyFlags — and the `msg` step), so a message exists exactly
// when its change committed; a duplicate or a no-op writes none. There a change's first message per endpoint carries
// the upload's snapshot and the others are rendered from it by the claim (claim-messages.ts); no foreign key to
// NotifyEndpoint: the statement locks the endpoints it reads once (FOR KEY SHARE), and deleting an endpoint deletes
// its messages after its row (notify-endpoint-store.ts). This function is the other writer: test messages and
// messages of changes made outside that statement.
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
