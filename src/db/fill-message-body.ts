// A message written by the hot path carries the upload's row, not its JSON (enqueue-message.ts): its body is
// rendered once, before its first attempt, and kept, so every attempt sends (and signs) the same bytes.
import type { Db } from "./db.js";

/** The body now stored: `body`, or the one a concurrent worker stored first. */
export async function fillMessageBody(db: Db, id: bigint, body: string): Promise<string> {
  const result = await db.pool.query<{ body: string }>(
    `UPDATE "NotifyMessage" SET body = coalesce(body, $2) WHERE id = $1 RETURNING body`,
    [id, body],
  );
  return result.rows[0]?.body ?? body;
}
