// (Reliability suite: a row held by another transaction needs a PostgreSQL server; the embedded database has one
// session.) The batch claim and the batch record of the delivery worker on real PostgreSQL (issue 16 §3): a claim takes at
// most its limit, oldest due first, skips rows another transaction holds and messages of a disabled endpoint, and
// leases what it takes, failing instead a message whose schedule was spent with no outcome; a body is rendered by a claim that finds none and stored with that attempt's outcome; a batch
// of attempts keeps every attempt and changes only the messages whose claim is still the writer's; with no foreign
// key from an attempt to its message, deleting an endpoint leaves no attempt behind, even one recorded meanwhile.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { claimMessages, SPENT_WITHOUT_OUTCOME, type MessageToRender } from "../../src/db/claim-messages.js";
import { enqueueMessage } from "../../src/db/enqueue-message.js";
import {
  createNotifyEndpoint,
  deleteNotifyEndpoint,
  updateNotifyEndpoint,
} from "../../src/db/notify-endpoint-store.js";
import { listNotifyAttempts } from "../../src/db/notify-message-store.js";
import { recordAttempts, type AttemptRecord } from "../../src/db/record-attempts.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { attemptRecord } from "../support/attempt-record.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.close());

const noRender = () => {
  throw new Error("every message here has a body");
};
const claim = (limit: number, options: { leaseMs?: number; render?: (m: MessageToRender) => string | null } = {}) =>
  claimMessages(db, {
    limit,
    leaseMs: options.leaseMs ?? 60_000,
    claimToken: randomUUID(),
    render: options.render ?? noRender,
  });

async function endpointWith(count: number) {
  const { endpoint } = await createNotifyEndpoint(db, { url: "http://127.0.0.1:9/hook", secret: generateSecret() });
  const ids: bigint[] = [];
  for (let n = 0; n < count; n++) {
    ids.push(...(await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: { n } })));
  }
  return { endpoint, ids };
}

const statusOf = async (id: bigint) =>
  (
    await db.pool.query<{ status: string; attempts: number; claimToken: string | null; lastStatus: number | null }>(
      `SELECT status, attempts, "claimToken", "lastStatus" FROM "NotifyMessage" WHERE id = $1`,
      [id],
    )
  ).rows[0];

describe("claimMessages", () => {
  it("takes at most its limit, oldest due first, and leases them: a second claim takes the rest", async () => {
    const { endpoint, ids } = await endpointWith(7);
    const first = await claim(5);
    expect(first.map((m) => m.id)).toEqual(ids.slice(0, 5));
    expect(first[0]).toMatchObject({ webhookId: `msg_${ids[0]}`, attempt: 1, endpointId: endpoint.id });
    expect((await claim(5)).map((m) => m.id)).toEqual(ids.slice(5));
    expect(await claim(5)).toEqual([]);
    await deleteNotifyEndpoint(db, endpoint.id);
  });

  it("skips rows another transaction holds and takes the next ones instead", async () => {
    const { endpoint, ids } = await endpointWith(6);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      const held = ids.slice(0, 3).map(String);
      await other.query(`SELECT id FROM "NotifyMessage" WHERE id = ANY ($1::bigint[]) FOR UPDATE`, [held]);
      expect((await claim(10)).map((m) => m.id)).toEqual(ids.slice(3));
      await other.query("ROLLBACK");
      expect((await claim(10)).map((m) => m.id)).toEqual(ids.slice(0, 3));
    } finally {
      await other.end();
    }
    await deleteNotifyEndpoint(db, endpoint.id);
  });

  it("fails a message claimed again once its schedule is spent with no outcome recorded, and hands out the rest", async () => {
    const { endpoint, ids } = await endpointWith(2);
    // Three claims each ended by a worker dying before its record (the lease ran out): attempts 3 of 3.
    await db.pool.query(`UPDATE "NotifyMessage" SET attempts = 3 WHERE id = $1`, [ids[0]]);
    await db.pool.query(`UPDATE "NotifyMessage" SET attempts = 2 WHERE id = $1`, [ids[1]]);
    const claimed = await claimMessages(db, {
      limit: 10,
      leaseMs: 60_000,
      claimToken: randomUUID(),
      render: noRender,
      maxAttempts: 3,
    });
    expect(claimed.map((m) => [m.id, m.attempt])).toEqual([[ids[1], 3]]);
    const spent = await db.pool.query(
      `SELECT status, attempts, "lastError", "claimToken" FROM "NotifyMessage" WHERE id = $1`,
      [ids[0]],
    );
    expect(spent.rows[0]).toEqual({
      status: "failed",
      attempts: 3,
      lastError: SPENT_WITHOUT_OUTCOME,
      claimToken: null,
    });
    await deleteNotifyEndpoint(db, endpoint.id);
  });

  it("leaves the messages of a disabled endpoint until it is enabled again", async () => {
    const off = await endpointWith(2);
    const on = await endpointWith(2);
    await updateNotifyEndpoint(db, off.endpoint.id, { enabled: false });
    expect((await claim(10)).map((m) => m.id)).toEqual(on.ids);
    await updateNotifyEndpoint(db, off.endpoint.id, { enabled: true });
    expect((await claim(10)).map((m) => m.id)).toEqual(off.ids);
    await deleteNotifyEndpoint(db, off.endpoint.id);
    await deleteNotifyEndpoint(db, on.endpoint.id);
  });
});

describe("fillMessageBodies and recordAttempts", () => {
  it("renders a message without a body until an attempt's outcome stores the body it sent", async () => {
    const { endpoint, ids } = await endpointWith(3);
    const fileId = "5285890000000001";
    await db.pool.query(`UPDATE "NotifyMessage" SET body = NULL, snapshot = $2 WHERE id = ANY ($1::bigint[])`, [
      ids.map(String),
      { fileId, status: "UPLOADED" },
    ]);
    const rendered: MessageToRender[] = [];
    const render = (m: MessageToRender) => (rendered.push(m), m.id === ids[1] ? null : `{"n":${rendered.length}}`);
    // Lease 0: due again at once, as after a lease ran out.
    const first = await claim(10, { leaseMs: 0, render });
    expect(first.map((m) => [m.id, m.body, m.rendered, m.attempt])).toEqual([
      [ids[0], '{"n":1}', true, 1],
      [ids[1], null, false, 1],
      [ids[2], '{"n":3}', true, 1],
    ]);
    expect(rendered[0]).toMatchObject({ snapshot: { fileId }, extras: { outputs: [], taskStatuses: [] } });
    // The first one's attempt is recorded (a 500: tried again); the third one's worker died before its record.
    const [sent] = first;
    await recordAttempts(db, [
      attemptRecord(sent!, {
        outcome: "retry",
        messageStatus: "pending",
        nextAttemptAt: new Date(Date.now() - 1000),
        httpStatus: 500,
        body: sent!.body,
      }),
    ]);
    const second = await claim(10, { leaseMs: 0, render });
    expect(second.map((m) => [m.id, m.body, m.rendered, m.attempt])).toEqual([
      [ids[0], '{"n":1}', false, 2],
      [ids[1], null, false, 2],
      [ids[2], '{"n":5}', true, 2],
    ]);
    // Only the ones with no body stored were rendered again.
    expect(rendered.map((m) => m.id)).toEqual([ids[0], ids[1], ids[2], ids[1], ids[2]]);
    await deleteNotifyEndpoint(db, endpoint.id);
  });

  it("keeps every attempt of a batch and changes only the messages whose claim is still the writer's", async () => {
    const { endpoint, ids } = await endpointWith(3);
    const [a, b, c] = await claim(3);
    // b's lease ran out and another worker claimed it: the late outcome must not overwrite that worker's state.
    await db.pool.query(`UPDATE "NotifyMessage" SET "claimToken" = 'another worker' WHERE id = $1`, [b?.id]);
    const record = (m: typeof a, fields: Partial<AttemptRecord>) => attemptRecord(m!, fields);
    await recordAttempts(db, [
      record(a, {}),
      record(b, {}),
      record(c, { outcome: "retry", messageStatus: "pending", nextAttemptAt: new Date(), httpStatus: 500 }),
    ]);
    expect(await statusOf(ids[0] as bigint)).toMatchObject({ status: "delivered", claimToken: null, lastStatus: 204 });
    expect(await statusOf(ids[1] as bigint)).toMatchObject({ status: "pending", claimToken: "another worker" });
    expect(await statusOf(ids[2] as bigint)).toMatchObject({ status: "pending", claimToken: null, lastStatus: 500 });
    const attempts = (await listNotifyAttempts(db, { endpointId: endpoint.id }, { limit: 10 })).items.reverse();
    expect(attempts.map((x) => [x.messageId, x.outcome, x.httpStatus])).toEqual([
      [ids[0], "delivered", 204],
      [ids[1], "delivered", 204],
      [ids[2], "retry", 500],
    ]);
    await deleteNotifyEndpoint(db, endpoint.id);
  });

  it("disables the endpoint of an attempt answered 410 in the same statement", async () => {
    const { endpoint } = await endpointWith(1);
    const [m] = await claim(1);
    await recordAttempts(db, [
      attemptRecord(m!, {
        outcome: "disabled",
        messageStatus: "failed",
        httpStatus: 410,
        response: null,
        disableEndpoint: "the endpoint answered 410 Gone",
      }),
    ]);
    const row = await db.prisma.notifyEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ enabled: false, disabledReason: "the endpoint answered 410 Gone" });
    await deleteNotifyEndpoint(db, endpoint.id);
  });

  it("leaves no attempt of a deleted endpoint, even one recorded while the endpoint was being deleted", async () => {
    const { endpoint } = await endpointWith(2);
    const [a, b] = await claim(2);
    const delivered = (m: typeof a) => attemptRecord(m!, { httpStatus: 200 });
    await recordAttempts(db, [delivered(a)]);
    const attemptsOf = async () =>
      (await db.pool.query(`SELECT count(*)::int AS n FROM "NotifyAttempt" WHERE "endpointId" = $1`, [endpoint.id]))
        .rows[0].n as number;
    expect(await attemptsOf()).toBe(1);
    // Another session deletes the endpoint as deleteNotifyEndpoint does, and b's outcome is recorded meanwhile.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`DELETE FROM "NotifyEndpoint" WHERE id = $1`, [endpoint.id]);
      await other.query(`DELETE FROM "NotifyMessage" WHERE "endpointId" = $1`, [endpoint.id]);
      await other.query(`DELETE FROM "NotifyAttempt" WHERE "endpointId" = $1`, [endpoint.id]);
      // Its statement still sees the endpoint and b: it must wait for the delete, then write nothing.
      const recording = recordAttempts(db, [delivered(b)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query("COMMIT");
      await recording;
    } finally {
      await other.end();
    }
    expect(await attemptsOf()).toBe(0);
  });

  it("deletes an endpoint's attempts with its messages", async () => {
    const { endpoint } = await endpointWith(1);
    const [m] = await claim(1);
    await recordAttempts(db, [
      attemptRecord(m!, { outcome: "retry", messageStatus: "pending", nextAttemptAt: new Date(), httpStatus: 503 }),
    ]);
    expect((await listNotifyAttempts(db, { messageId: m!.id }, { limit: 10 })).items).toHaveLength(1);
    await deleteNotifyEndpoint(db, endpoint.id);
    const left = await db.pool.query(`SELECT id FROM "NotifyAttempt" WHERE "messageId" = $1`, [m!.id]);
    expect(left.rows).toEqual([]);
  });
});
