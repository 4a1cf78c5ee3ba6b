// The backlog-age gauge's reading (vod_tracker_notify_backlog_age_seconds, issue 16 §3): how old the oldest of the
// next messages due is, read from the pending index and bounded (every worker reads it every 5 s, and during an
// endpoint's outage the pending rows are many). Rows written as the hot path and the worker leave them.
import { createNotifyEndpoint } from "../../src/db/notify-endpoint-store.js";
import { BACKLOG_SAMPLE, oldestPendingAgeSeconds } from "../../src/db/notify-message-store.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let endpointId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  ({
    endpoint: { id: endpointId },
  } = await createNotifyEndpoint(db, {
    url: "https://receiver.example.com/hook",
    secret: generateSecret(),
  }));
});
afterAll(() => db.close());

/** `count` messages in `status`, written `ageS` seconds ago and due at `dueInS` seconds from now. */
const messages = (count: number, status: string, ageS: number, dueInS: number) =>
  db.pool.query(
    `INSERT INTO "NotifyMessage" ("endpointId", "eventType", body, status, "createdAt", "updatedAt", "nextAttemptAt")
     SELECT $1, 'endpoint.test', '{}', $2, now() - $3 * interval '1 second', now(), now() + $4 * interval '1 second'
     FROM generate_series(1, $5)`,
    [endpointId, status, ageS, dueInS, count],
  );

test("is 0 with nothing to deliver, and the age of the oldest message due once some wait", async () => {
  await messages(3, "delivered", 3600, -3600);
  expect(await oldestPendingAgeSeconds(db)).toBe(0);
  await messages(2, "pending", 600, -600);
  await messages(5, "pending", 5, -5);
  expect(await oldestPendingAgeSeconds(db)).toBeGreaterThanOrEqual(600);
  expect(await oldestPendingAgeSeconds(db)).toBeLessThan(660);
});

test("reads only the next messages due: a retry scheduled after them is not counted until it nears", async () => {
  await db.pool.query(`DELETE FROM "NotifyMessage"`);
  await messages(1, "pending", 7200, 3600); // tried two hours ago, next try in an hour
  expect(await oldestPendingAgeSeconds(db)).toBeGreaterThanOrEqual(7200);
  await messages(BACKLOG_SAMPLE, "pending", 30, -30);
  const age = await oldestPendingAgeSeconds(db);
  expect(age).toBeGreaterThanOrEqual(30);
  expect(age).toBeLessThan(90);
});
