// The hot-path statement (record-events-sql.ts, run by record-event.ts): prepared once per connection instead of
// parsed and planned for every group, on a PostgreSQL server and on the embedded database, whose socket server
// runs every connection in one session; and the VodEventFile links step, which only groups with an event naming
// several FileIds run.
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload } from "../support/vod-payloads.js";

const upload = (db: TestDatabase) => ingestEvent({ db }, { raw: JSON.stringify(v3NewFileUpload()), channel: "push" });

describe("the hot-path statement", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 1 }); // one connection: the session we look into is the one that ran it
  });
  afterAll(() => db.close());

  test("is prepared once on the connection that runs it and runs on a generic plan after a few events", async () => {
    for (let n = 0; n < 8; n += 1) expect(await upload(db)).toMatchObject({ outcome: "applied" });
    // The group-commit connection (create-pipeline.ts) where there is one, the pool's otherwise.
    const sql = `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO "VodEvent"%'`;
    type Plans = { generic_plans: string; custom_plans: string };
    const { rows } = db.pipeline ? await db.pipeline.query<Plans>({ text: sql }) : await db.pool.query<Plans>(sql);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.generic_plans) + Number(rows[0]?.custom_plans)).toBe(8);
    expect(Number(rows[0]?.generic_plans)).toBeGreaterThan(0);
  });
});

describe("on the embedded database, whose connections share one session", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ mode: "embedded", poolSize: 3 });
  });
  afterAll(() => db.close());

  test("records events sent at once over several connections", async () => {
    const results = await Promise.all(Array.from({ length: 9 }, () => upload(db)));
    expect(results.map((result) => result.outcome)).toEqual(Array(9).fill("applied"));
    expect(await upload(db)).toMatchObject({ outcome: "applied" });
    expect(await db.prisma.vodEvent.count()).toBe(10);
  });
});

describe("the links of an event naming several FileIds", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  test("are written for it in a group whose other events name one FileId, and for no other event", async () => {
    const [first, second, third] = [newFileId(), newFileId(), newFileId()];
    const deleted = v3FileDeleted(first);
    deleted.FileDeleteEvent.FileIdSet = [first, second, third];
    deleted.FileDeleteEvent.FileDeleteResultInfo = [first, second, third].map((FileId) => ({
      FileId,
      DeleteParts: [],
    }));
    const groups: number[] = [];
    const writer = createGroupCommit(db, { onGroup: ({ size }) => groups.push(size) });
    const bodies = [v3NewFileUpload(), v3NewFileUpload(), deleted, v3NewFileUpload(), v3NewFileUpload()];

    const results = await Promise.all(
      bodies.map((body) => ingestEvent({ db, writer }, { raw: JSON.stringify(body), channel: "push" })),
    );

    expect(results.map((result) => result.outcome)).toEqual(Array(5).fill("applied"));
    expect(groups.some((size) => size > 1)).toBe(true);
    const deletedId = (results[2] as { eventId: string }).eventId;
    const links = await db.prisma.vodEventFile.findMany({ orderBy: { fileId: "asc" } });
    expect(links).toEqual([second, third].sort().map((fileId) => ({ fileId, eventId: BigInt(deletedId) })));
    expect(await db.prisma.upload.count({ where: { fileId: { in: [first, second, third] }, status: "DELETED" } })).toBe(
      3,
    );
  });

  test("are none in a group of events that each name one FileId", async () => {
    const before = await db.prisma.vodEventFile.count();
    const writer = createGroupCommit(db);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        ingestEvent({ db, writer }, { raw: JSON.stringify(v3NewFileUpload()), channel: "push" }),
      ),
    );
    expect(results.map((result) => result.outcome)).toEqual(Array(6).fill("applied"));
    expect(await db.prisma.vodEventFile.count()).toBe(before);
  });
});
