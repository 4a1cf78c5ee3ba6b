// The long polls' notification (issue 16 §5) sent by the hot-path statement itself (record-events-sql.ts `answer`,
// notify-waited-uploads-sql.ts), heard as another process hears it: a pg client LISTENing on vod_tracker_upload.
// None while nobody waits; one naming exactly the waited FileIds of a group; none for a duplicate. Plus the pull path
// (record-pull-event.ts) and CommitUpload (attach-file-id.ts), which name a waited upload by its id. On real PostgreSQL, through ingestEvent.
// Bodies: Tencent's NewFileUpload, ProcedureStateChanged and PullComplete (test/fixtures, sources in SOURCES.md).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { attachFileId } from "../../src/db/attach-file-id.js";
import { createPendingPullUpload } from "../../src/db/create-pending-pull-upload.js";
import { createPendingUpload } from "../../src/db/create-pending-upload.js";
import { uploadChangesChannel } from "../../src/db/notify-waited-uploads-sql.js";
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

let db: TestDatabase;
let listener: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  listener = new pg.Client({ connectionString: db.url });
  listener.on("notification", (message) => {
    if (message.channel === uploadChangesChannel) heard.push(message.payload ?? "");
  });
  await listener.connect();
  await listener.query(`LISTEN ${uploadChangesChannel}`);
});
afterEach(async () => {
  await db.pool.query(`DELETE FROM "UploadWait"`);
  heard.length = 0;
});
afterAll(async () => {
  await listener.end();
  await db.close();
});

const ingest = (body: unknown) => ingestEvent({ db }, { raw: JSON.stringify(body), channel: "push" });
const waitOn = (fileId: string | null, uploadId = `upl_${randomUUID()}`) =>
  db.pool.query(
    `INSERT INTO "UploadWait" (id, "uploadId", "fileId", "expiresAt") VALUES ($1, $2, $3, now() + interval '1 minute')`,
    [randomUUID(), uploadId, fileId],
  );
/** Notifications arrive on their own connection: give them the time a round trip takes, then read. */
async function settled(): Promise<string[]> {
  await listener.query("SELECT 1");
  await new Promise((resolve) => setTimeout(resolve, 50));
  return heard.splice(0);
}

describe("the hot-path statement's notification to long polls", () => {
  test("is not sent while nobody waits", async () => {
    const fileId = newFileId();
    expect(await ingest(v3NewFileUpload(fileId))).toMatchObject({ outcome: "applied" });
    expect(await ingest(v3Procedure(fileId))).toMatchObject({ outcome: "applied" });
    expect(await settled()).toEqual([]);
  });

  test("names the changed FileId someone waits on, once per statement", async () => {
    const fileId = newFileId();
    await ingest(v3NewFileUpload(fileId));
    await waitOn(fileId);
    expect(await ingest(v3Procedure(fileId))).toMatchObject({ outcome: "applied" });
    expect((await settled()).map((payload) => JSON.parse(payload))).toEqual([[fileId]]);
  });

  test("is not sent for a change to an upload nobody waits on, nor for a duplicate", async () => {
    const waited = newFileId();
    const other = newFileId();
    await ingest(v3NewFileUpload(waited));
    await waitOn(waited);
    await ingest(v3NewFileUpload(other));
    expect(await ingest(v3NewFileUpload(waited))).toMatchObject({ outcome: "duplicate" });
    expect(await settled()).toEqual([]);
  });

  test("names only the waited FileIds of a group", async () => {
    const [first, second, third] = [newFileId(), newFileId(), newFileId()];
    await waitOn(first);
    await waitOn(third);
    const groups: number[] = [];
    const writer = createGroupCommit(db, { onGroup: ({ size }) => groups.push(size) });
    const results = await Promise.all(
      [first, second, third].map((fileId) =>
        ingestEvent({ db, writer }, { raw: JSON.stringify(v3NewFileUpload(fileId)), channel: "push" }),
      ),
    );
    expect(results.map((result) => result.outcome)).toEqual(["applied", "applied", "applied"]);
    const named = (await settled()).flatMap((payload) => JSON.parse(payload) as string[]);
    expect(named.sort()).toEqual([first, third].sort());
  });
});

describe("a PullComplete", () => {
  test("names the waited pull upload by its id when it gets its FileId", async () => {
    const pull = loadFixture("v3/pull-complete") as Record<string, any>;
    const taskId = `1256768367-Pull-${randomUUID().slice(0, 8)}`;
    const fileId = newFileId();
    pull.PullCompleteEvent.TaskId = taskId;
    pull.PullCompleteEvent.FileId = fileId;
    const pending = await createPendingPullUpload(db, {
      pullTaskId: taskId,
      sourceUrl: "https://media.example/a.mp4",
      mediaType: "mp4",
      name: null,
      procedure: null,
      storageRegion: null,
      sourceContext: null,
      sessionContext: null,
      sessionId: null,
      subAppId: null,
      classId: null,
    });
    await waitOn(null, pending.id);
    expect(await ingest(pull)).toMatchObject({ outcome: "applied" });
    expect((await settled()).map((payload) => JSON.parse(payload))).toEqual([[pending.id]]);
  });
});

describe("CommitUpload's FileId on a PENDING upload", () => {
  test("names the waited upload by its id, and only when someone waits", async () => {
    const start = () =>
      createPendingUpload(db, {
        vodSessionKey: `session-${randomUUID()}`,
        mediaType: "mp4",
        name: null,
        procedure: null,
        storageRegion: null,
        sourceContext: null,
        subAppId: null,
        classId: null,
      });
    const commit = (id: string) =>
      attachFileId(db, id, { fileId: newFileId(), mediaUrl: "https://commit/url.mp4", coverUrl: null, at: new Date() });
    const unwaited = await start();
    await commit(unwaited.id);
    expect(await settled()).toEqual([]);
    const waited = await start();
    await waitOn(null, waited.id);
    await commit(waited.id);
    expect((await settled()).map((payload) => JSON.parse(payload))).toEqual([[waited.id]]);
  });
});
