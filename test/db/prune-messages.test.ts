// Retention of notifications: `vod-tracker prune --older-than 30d` also deletes the messages that are done
// (delivered, or failed) created before the cut, with their attempts, batch by batch; pending ones stay, and so does a
// done message whose change still has a pending one (that one is rendered from its snapshot). PostgreSQL and the
// embedded database; the rows are written as the hot path and the worker leave them. The command's own test is in
// prune-events.test.ts.
import { createNotifyEndpoint } from "../../src/db/notify-endpoint-store.js";
import { pruneMessages } from "../../src/db/prune-messages.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe.each(["postgresql", "embedded"] as const)("pruneMessages (%s)", (mode) => {
  let db: TestDatabase;
  let endpointId: string;
  beforeAll(async () => {
    db = await createTestDatabase({ mode });
    ({
      endpoint: { id: endpointId },
    } = await createNotifyEndpoint(db, {
      url: "https://receiver.example.com/hook",
      secret: generateSecret(),
    }));
  }, 60_000);
  afterAll(() => db.close());

  let upload = 0;
  /** A change's messages (one per type; the first holds the snapshot), `days` old, each with `attempts` attempts. */
  async function change(days: number, statuses: string[], attempts = 1): Promise<bigint[]> {
    upload += 1;
    const ids: bigint[] = [];
    for (const [n, status] of statuses.entries()) {
      const { rows } = await db.pool.query<{ id: string }>(
        `INSERT INTO "NotifyMessage" ("endpointId", "eventType", "uploadId", sequence, snapshot, body, status,
                                      attempts, "createdAt", "updatedAt")
         VALUES ($1, $2, $3, 2, $4, $5, $6, $7, $8, $8) RETURNING id::text`,
        [
          endpointId,
          n === 0 ? "upload.uploaded" : "upload.playable",
          `upl_prune_${mode}_${upload}`,
          n === 0 ? { id: `upl_prune_${mode}_${upload}`, status: "UPLOADED" } : null,
          status === "pending" ? null : `{"n":${n}}`,
          status,
          attempts,
          daysAgo(days),
        ],
      );
      const id = BigInt(rows[0]?.id as string);
      for (let a = 0; a < attempts; a++) {
        await db.pool.query(
          `INSERT INTO "NotifyAttempt" ("messageId", "endpointId", outcome, "httpStatus", "latencyMs", "createdAt")
           VALUES ($1, $2, 'retry', 500, 3, $3)`,
          [id, endpointId, daysAgo(days)],
        );
      }
      ids.push(id);
    }
    return ids;
  }
  const left = async (ids: bigint[]) =>
    (
      await db.pool.query<{ id: string }>(
        `SELECT id::text FROM "NotifyMessage" WHERE id = ANY ($1::bigint[]) ORDER BY id`,
        [ids.map(String)],
      )
    ).rows.map((row) => BigInt(row.id));
  const attemptsOf = async (ids: bigint[]) =>
    (
      await db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "NotifyAttempt" WHERE "messageId" = ANY ($1::bigint[])`,
        [ids.map(String)],
      )
    ).rows[0]?.n;

  test("deletes done messages older than the cut with their attempts, in batches, and keeps the rest", async () => {
    const delivered = await change(40, ["delivered", "delivered"], 2);
    const failed = await change(35, ["failed"], 3);
    const pending = await change(45, ["pending", "pending"], 1);
    const recent = await change(10, ["delivered", "delivered"]);
    const batches: Array<{ messages: number; attempts: number; total: number }> = [];
    const result = await pruneMessages(db, { before: daysAgo(30), batchSize: 2, onBatch: (b) => batches.push(b) });
    expect(result).toEqual({ messages: 3, attempts: 7 });
    expect(batches).toEqual([
      { messages: 2, attempts: 4, total: 2 },
      { messages: 1, attempts: 3, total: 3 },
    ]);
    expect(await left([...delivered, ...failed])).toEqual([]);
    expect(await attemptsOf([...delivered, ...failed])).toBe(0);
    expect(await left([...pending, ...recent])).toEqual([...pending, ...recent]);
    expect(await attemptsOf([...pending, ...recent])).toBe(4);
  });

  test("keeps a delivered message whose change still has a pending one, until both are done", async () => {
    // Newer than the rows above (ids follow creation), older than this test's cut.
    const [first, second] = await change(8, ["delivered", "pending"]);
    await pruneMessages(db, { before: daysAgo(5) });
    expect(await left([first!, second!])).toEqual([first, second]);
    await db.pool.query(`UPDATE "NotifyMessage" SET status = 'delivered', body = '{}' WHERE id = $1`, [second]);
    await pruneMessages(db, { before: daysAgo(5) });
    expect(await left([first!, second!])).toEqual([]);
    expect(await attemptsOf([first!, second!])).toBe(0);
  });
});
