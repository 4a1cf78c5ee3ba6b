// What VOD produced, kept by the hot-path statement (record-events-sql.ts, output-steps-sql.ts): UploadOutput and
// UploadTask rows written with the event that reports them, in the same statement, for new events only; the
// outputs a partial delete names removed; files an event only names linked to it. Bodies are real callbacks
// (test/fixtures, origins in SOURCES.md); their outputs and tasks are put into the patch as the normalisers report
// them (test/support/output-patches.ts).
import { loadFixture } from "../fixtures/load-fixture.js";
import { recordEvent, recordEvents } from "../../src/db/record-event.js";
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { fixtureOutputs, outputFor, preparedWith, taskFor } from "../support/output-patches.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload } from "../support/vod-payloads.js";

type Json = Record<string, any>;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** The real ProcedureStateChanged with outputs, for `fileId`; `taskId` makes another event of another flow. */
function procedureBody(fileId: string, taskId = "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0"): Json {
  const body = loadFixture("v3/procedure-finish-outputs") as Json;
  body.ProcedureStateChangeEvent.FileId = fileId;
  body.ProcedureStateChangeEvent.TaskId = taskId;
  return body;
}

const outputsOf = (fileId: string) =>
  db.prisma.uploadOutput.findMany({ where: { fileId }, orderBy: [{ kind: "asc" }, { definition: "asc" }] });
const tasksOf = (fileId: string) => db.prisma.uploadTask.findMany({ where: { fileId }, orderBy: { taskId: "asc" } });

async function recordOutputs(fileId: string, outputs: Parameters<typeof outputFor>[1][], taskId?: string) {
  const input = preparedWith(procedureBody(fileId, taskId), {
    outputs: outputs.map((output) => outputFor(fileId, output)),
  });
  return recordEvent(db, input);
}

describe("outputs a task flow reports", () => {
  test("are stored one row per kind and definition, with the event that reported them and the session fields", async () => {
    const fileId = newFileId();
    const finishedAt = new Date("2024-06-10T08:13:31Z");
    const base = preparedWith(procedureBody(fileId), {});
    const input = preparedWith(procedureBody(fileId), {
      media: { ...base.patch!.media, sessionContext: '{"orderId":1001}', sessionId: "order-1001-procedure" },
      outputs: fixtureOutputs.map((output) => ({ ...output, finishedAt, fileId })),
      tasks: [taskFor(fileId, { finishedAt })],
    });

    const { eventId, uploads } = await recordEvent(db, input);

    expect(uploads).toEqual([{ fileId, status: "PROCESSED" }]);
    const rows = await outputsOf(fileId);
    expect(rows.map((row) => [row.kind, row.definition])).toEqual([
      ["adaptive", 10],
      ["animatedGraphic", 20000],
      ["cover", 10],
      ["sampleSnapshot", 10],
      ["snapshot", 10],
      ["sprite", 10],
      ["transcode", 20],
    ]);
    const transcode = rows.find((row) => row.kind === "transcode");
    expect(transcode).toMatchObject({
      url: "http://1305819496.vod2.myqcloud.com/ee2c0b58vodtranscq1305819496/f0e32f023701925920477195402/v.f20.mp4",
      container: "mov,mp4,m4a,3gp,3g2,mj2",
      width: 640,
      height: 480,
      bitrate: 552218n,
      size: 4189073n,
      duration: 60.04700088501,
      md5: "eff7031ad7877865f9a3240e9ab165ad",
      subtask: "Transcode",
      finishedAt,
      eventId: BigInt(eventId!),
    });
    expect(rows.find((row) => row.kind === "sprite")?.details).toEqual(fixtureOutputs[5]?.details);
    expect(rows.find((row) => row.kind === "adaptive")).toMatchObject({ drmType: "", details: { package: "HLS" } });
    expect(await tasksOf(fileId)).toEqual([
      expect.objectContaining({ taskId: input.patch!.tasks[0]!.taskId, kind: "Procedure", status: "FINISH" }),
    ]);
    expect(await db.prisma.upload.findUnique({ where: { fileId } })).toMatchObject({
      sessionContext: '{"orderId":1001}',
      sessionId: "order-1001-procedure",
    });
  });

  test("a later result for the same file, kind and definition replaces the earlier one", async () => {
    const fileId = newFileId();
    await recordOutputs(
      fileId,
      [
        {
          kind: "transcode",
          definition: 100030,
          url: "https://a/old.mp4",
          finishedAt: new Date("2024-06-10T08:00:00Z"),
        },
      ],
      "flow-1",
    );
    const later = await recordOutputs(
      fileId,
      [
        {
          kind: "transcode",
          definition: 100030,
          url: "https://a/new.mp4",
          finishedAt: new Date("2024-06-10T09:00:00Z"),
        },
      ],
      "flow-2",
    );

    expect(await outputsOf(fileId)).toEqual([
      expect.objectContaining({ definition: 100030, url: "https://a/new.mp4", eventId: BigInt(later.eventId!) }),
    ]);
  });

  test("an older result arriving late does not replace a newer one; one without a finish time counts from its arrival", async () => {
    const fileId = newFileId();
    const newer = await recordOutputs(
      fileId,
      [
        {
          kind: "transcode",
          definition: 100030,
          url: "https://a/new.mp4",
          finishedAt: new Date("2024-06-10T09:00:00Z"),
        },
      ],
      "flow-2",
    );
    await recordOutputs(
      fileId,
      [
        {
          kind: "transcode",
          definition: 100030,
          url: "https://a/old.mp4",
          finishedAt: new Date("2024-06-10T08:00:00Z"),
        },
      ],
      "flow-1",
    );
    expect(await outputsOf(fileId)).toEqual([
      expect.objectContaining({ url: "https://a/new.mp4", eventId: BigInt(newer.eventId!) }),
    ]);

    // Arrival (now) is later than 2024: the result without a finish time is the latest.
    await recordOutputs(fileId, [{ kind: "transcode", definition: 100030, url: "https://a/undated.mp4" }], "flow-3");
    expect(await outputsOf(fileId)).toEqual([expect.objectContaining({ url: "https://a/undated.mp4" })]);
  });

  test("a partial delete removes the transcodes it names, every one with Definition 0, and keeps the adaptive stream", async () => {
    const fileId = newFileId();
    await recordOutputs(fileId, [
      { kind: "transcode", definition: 100010, url: "https://a/v.f100010.mp4" },
      { kind: "transcode", definition: 100020, url: "https://a/v.f100020.mp4" },
      { kind: "transcode", definition: 100030, url: "https://a/v.f100030.mp4" },
      { kind: "adaptive", definition: 10, url: "https://a/adp.10.m3u8" },
      { kind: "cover", definition: 10, url: "https://a/cover.jpg" },
    ]);
    // FileDeleted with DeleteParts, as in the real partial-delete callback (test/fixtures/v3/file-deleted-partial).
    const partial = (definition: number) => {
      const body = v3FileDeleted(fileId, { partial: true });
      body.FileDeleteEvent.FileDeleteResultInfo[0].DeleteParts = [{ Type: "TranscodeFiles", Definition: definition }];
      return preparedWith(body, {});
    };

    expect((await recordEvent(db, partial(100030))).uploads).toEqual([{ fileId, status: "PROCESSED" }]);
    expect((await outputsOf(fileId)).map((row) => `${row.kind} ${row.definition}`)).toEqual([
      "adaptive 10",
      "cover 10",
      "transcode 100010",
      "transcode 100020",
    ]);

    await recordEvent(db, partial(0));
    // Every transcode, and the covers media processing made (DeleteMedia's MediaDeleteItem.Type note).
    expect((await outputsOf(fileId)).map((row) => `${row.kind} ${row.definition}`)).toEqual(["adaptive 10"]);
    expect(await db.prisma.upload.findUnique({ where: { fileId } })).toMatchObject({ status: "PROCESSED" });
  });
});

describe("outputs a partial delete removed", () => {
  const partialDelete = (fileId: string, parts: Array<{ Type: string; Definition?: number }>) => {
    const body = v3FileDeleted(fileId, { partial: true });
    body.FileDeleteEvent.FileDeleteResultInfo[0].DeleteParts = parts;
    return preparedWith(body, {});
  };
  const kept = async (fileId: string) => (await outputsOf(fileId)).map((row) => `${row.kind} ${row.definition}`);
  const finishedBeforeDelete = new Date("2024-06-10T08:13:31Z"); // the fixture's FinishTime: long before now

  test("stay deleted when a redelivered or late report of them arrives after the delete", async () => {
    const fileId = newFileId();
    const outputs = [
      {
        kind: "transcode" as const,
        definition: 100010,
        url: "https://a/v.f100010.mp4",
        finishedAt: finishedBeforeDelete,
      },
      { kind: "adaptive" as const, definition: 10, url: "https://a/adp.10.m3u8", finishedAt: finishedBeforeDelete },
    ];
    await recordOutputs(fileId, outputs, "flow-1");
    await recordEvent(db, partialDelete(fileId, [{ Type: "TranscodeFiles", Definition: 100010 }]));
    expect(await kept(fileId)).toEqual(["adaptive 10"]);

    // The same flow's result again under another task id (a report VOD sent late, or a second flow's copy).
    await recordOutputs(fileId, outputs, "flow-1-late");
    expect(await kept(fileId)).toEqual(["adaptive 10"]);
  });

  test("stay deleted when the delete arrived first, and a result finished after the delete is kept", async () => {
    const fileId = newFileId();
    await recordEvent(db, partialDelete(fileId, [{ Type: "TranscodeFiles" }]));
    await recordOutputs(
      fileId,
      [
        { kind: "transcode", definition: 100020, url: "https://a/old.mp4", finishedAt: finishedBeforeDelete },
        { kind: "cover", definition: 10, url: "https://a/old.jpg", finishedAt: finishedBeforeDelete },
      ],
      "flow-old",
    );
    expect(await kept(fileId)).toEqual([]);

    const afterDelete = new Date(Date.now() + 60_000);
    await recordOutputs(
      fileId,
      [{ kind: "transcode", definition: 100020, url: "https://a/new.mp4", finishedAt: afterDelete }],
      "flow-new",
    );
    expect(await outputsOf(fileId)).toEqual([expect.objectContaining({ kind: "transcode", url: "https://a/new.mp4" })]);
  });

  test("keep one tombstone per part, the latest delete's", async () => {
    const fileId = newFileId();
    await recordEvent(db, partialDelete(fileId, [{ Type: "AdaptiveDynamicStreamingFiles", Definition: 10 }]));
    await recordEvent(db, partialDelete(fileId, [{ Type: "TranscodeFiles", Definition: 0 }]));
    // A later delete of the same part (named twice: another body, so not a duplicate of the first).
    const again = { Type: "AdaptiveDynamicStreamingFiles", Definition: 10 };
    await recordEvent(db, partialDelete(fileId, [again, again]));
    const tombstones = await db.prisma.uploadOutputDeletion.findMany({
      where: { fileId },
      orderBy: [{ kind: "asc" }, { definition: "asc" }],
    });
    expect(tombstones.map((row) => `${row.kind} ${row.definition}`)).toEqual(["adaptive 10", "cover 0", "transcode 0"]);
    const events = await db.prisma.vodEvent.findMany({ where: { fileId }, orderBy: { id: "asc" } });
    expect(tombstones[0]?.eventId).toBe(events.at(-1)?.id);
  });
});

describe("tasks", () => {
  test("two task flows on one file are both kept; a status only rises, and the later FINISH wins", async () => {
    const fileId = newFileId();
    const record = (taskId: string, task: Parameters<typeof taskFor>[1], at: string) =>
      recordEvent(
        db,
        preparedWith(procedureBody(fileId, `${taskId}-${at}`), { tasks: [taskFor(fileId, { taskId, ...task })] }),
      );

    await record("transcode-flow", { status: "FINISH", finishedAt: new Date("2024-06-10T08:13:31Z") }, "1");
    await record("review-flow", { status: "PROCESSING" }, "2");
    expect((await tasksOf(fileId)).map((task) => [task.taskId, task.status])).toEqual([
      ["review-flow", "PROCESSING"],
      ["transcode-flow", "FINISH"],
    ]);

    await record(
      "review-flow",
      { status: "FINISH", failed: true, errCode: 30010, finishedAt: new Date("2024-06-10T10:00:00Z") },
      "3",
    );
    await record("review-flow", { status: "PROCESSING" }, "4"); // a late PROCESSING: FINISH stays
    await record("review-flow", { status: "FINISH", finishedAt: new Date("2024-06-10T09:00:00Z") }, "5"); // older FINISH
    expect((await tasksOf(fileId)).find((task) => task.taskId === "review-flow")).toMatchObject({
      status: "FINISH",
      failed: true,
      errCode: 30010,
      finishedAt: new Date("2024-06-10T10:00:00Z"),
    });
    expect(await tasksOf(fileId)).toHaveLength(2);
  });
});

describe("delivery and replay", () => {
  test("a redelivered event writes no output or task", async () => {
    const fileId = newFileId();
    const input = preparedWith(procedureBody(fileId), {
      outputs: [outputFor(fileId, { kind: "transcode", definition: 20, url: "https://a/v.f20.mp4" })],
      tasks: [taskFor(fileId)],
    });
    await recordEvent(db, input);
    await db.prisma.uploadOutput.deleteMany({ where: { fileId } });
    await db.prisma.uploadTask.deleteMany({ where: { fileId } });

    const again = await recordEvent(db, { ...input, newIds: input.newIds.map(() => `upl_again${fileId}`) });

    expect(again.eventId).toBeNull();
    expect(await outputsOf(fileId)).toEqual([]);
    expect(await tasksOf(fileId)).toEqual([]);
  });

  test("admin replay writes lost rows again under the replayed event, and a second replay rewrites nothing", async () => {
    const fileId = newFileId();
    const patch = {
      outputs: [outputFor(fileId, { kind: "transcode", definition: 20, url: "https://a/v.f20.mp4" })],
      tasks: [taskFor(fileId)],
    };
    const receivedAt = new Date("2024-06-10T08:14:00Z");
    const { eventId } = await recordEvent(db, preparedWith(procedureBody(fileId), patch, { receivedAt }));
    await db.prisma.uploadOutput.deleteMany({ where: { fileId } });
    const replay = () =>
      recordEvent(
        db,
        preparedWith(procedureBody(fileId), patch, { receivedAt, channel: "replay", replayOf: BigInt(eventId!) }),
      );
    const versions = async () =>
      (
        await db.pool.query<{ xmin: string }>(
          `SELECT xmin::text FROM "UploadOutput" WHERE "fileId" = $1 UNION ALL SELECT xmin::text FROM "UploadTask" WHERE "fileId" = $1`,
          [fileId],
        )
      ).rows.map((row) => row.xmin);

    await replay();
    expect(await outputsOf(fileId)).toEqual([
      expect.objectContaining({ url: "https://a/v.f20.mp4", eventId: BigInt(eventId!), receivedAt }),
    ]);
    const written = await versions();
    await replay();
    expect(await versions()).toEqual(written);
  });
});

describe("files an event names", () => {
  test("are linked to it without an upload when it only names them; an edit's output records what it was made from", async () => {
    // EditMediaComplete (test/fixtures/v3/edit-media-complete): three inputs, one output.
    const body = loadFixture("v3/edit-media-complete") as Json;
    const inputs = [newFileId(), newFileId(), newFileId()];
    const output = newFileId();
    body.EditMediaCompleteEvent.Input.FileInfoSet.forEach((file: Json, n: number) => (file.FileId = inputs[n]));
    body.EditMediaCompleteEvent.Output.FileId = output;
    const base = preparedWith(body, {});
    const input = preparedWith(body, {
      kind: "upload",
      derivedFrom: inputs,
      files: [
        { fileId: output, target: "UPLOADED", deletedParts: null },
        ...inputs.map((fileId) => ({ fileId, target: null, deletedParts: null, linkOnly: true })),
      ],
    });
    input.row = { ...base.row, fileId: output, outcome: "applied" };

    const { eventId, uploads } = await recordEvent(db, input);

    expect(uploads).toEqual([{ fileId: output, status: "UPLOADED" }]);
    expect(await db.prisma.upload.findMany({ where: { fileId: { in: inputs } } })).toEqual([]);
    expect(await db.prisma.upload.findUnique({ where: { fileId: output } })).toMatchObject({ derivedFrom: inputs });
    const links = await db.prisma.vodEventFile.findMany({ where: { eventId: BigInt(eventId!) } });
    expect(links.map((link) => link.fileId).sort()).toEqual([...inputs].sort());
  });

  test("an event of kind link changes no upload, even one that exists", async () => {
    const existing = newFileId();
    await recordEvent(db, preparedWith(v3NewFileUpload(existing), {}));
    const before = await db.prisma.upload.findUnique({ where: { fileId: existing } });
    const body = loadFixture("v3/edit-media-complete") as Json;
    body.EditMediaCompleteEvent.Input.FileInfoSet[0].FileId = existing;
    body.EditMediaCompleteEvent.Status = "PROCESSING";
    const other = newFileId();
    const input = preparedWith(body, {
      kind: "link",
      files: [existing, other].map((fileId) => ({ fileId, target: null, deletedParts: null })),
    });
    input.row = { ...input.row, fileId: null };

    const { eventId, uploads } = await recordEvent(db, input);

    expect(eventId).not.toBeNull();
    expect(uploads).toEqual([]);
    expect(await db.prisma.upload.findUnique({ where: { fileId: existing } })).toEqual(before);
    expect(await db.prisma.upload.findUnique({ where: { fileId: other } })).toBeNull();
    expect(await db.prisma.vodEventFile.count({ where: { eventId: BigInt(eventId!) } })).toBe(2);
  });
});

describe("groups", () => {
  test("NewFileUploads and ProcedureStateChanged events with outputs share grouped statements", async () => {
    const groups: number[] = [];
    const writer = createGroupCommit(db, { onGroup: ({ size }) => groups.push(size) });
    const procedures = Array.from({ length: 8 }, () => newFileId());
    const inputs = [
      ...procedures.map((fileId) =>
        preparedWith(procedureBody(fileId), {
          outputs: fixtureOutputs.slice(0, 6).map((output) => ({ ...output, fileId })),
          tasks: [taskFor(fileId)],
        }),
      ),
      ...Array.from({ length: 8 }, () => preparedWith(v3NewFileUpload(), {})),
    ].sort(() => Math.random() - 0.5);

    const results = await Promise.all(inputs.map((input) => writer.write(input)));

    expect(results.every((result) => result.eventId !== null && result.uploads.length === 1)).toBe(true);
    expect(groups.some((size) => size > 1)).toBe(true);
    expect(await db.prisma.uploadOutput.count({ where: { fileId: { in: procedures } } })).toBe(6 * 8);
    expect(await db.prisma.uploadTask.count({ where: { fileId: { in: procedures } } })).toBe(8);
  });

  test("5,000 outputs in one event, some unstorable, are stored without failing the statement", async () => {
    const fileId = newFileId();
    const outputs = Array.from({ length: 5_000 }, (_, n) =>
      outputFor(fileId, { kind: "snapshot", definition: n, url: `https://a/${n}.jpg`, details: { timeOffset: n } }),
    );
    outputs[1] = {
      ...outputs[1]!,
      width: 2 ** 40,
      size: -1,
      bitrate: 1.5,
      finishedAt: new Date("0000-01-01T00:00:00Z"),
    };
    outputs.push(outputFor(fileId, { kind: "snapshot", definition: 1.5 })); // no key: left out
    outputs.push(outputFor(fileId, { kind: "snapshot", definition: 7, url: "https://a/7-again.jpg" })); // same key

    const { eventId } = await recordEvent(db, preparedWith(procedureBody(fileId), { outputs }));

    expect(eventId).not.toBeNull();
    expect(await db.prisma.uploadOutput.count({ where: { fileId } })).toBe(5_000);
    expect(
      await db.prisma.uploadOutput.findUnique({
        where: { fileId_kind_definition: { fileId, kind: "snapshot", definition: 1 } },
      }),
    ).toMatchObject({
      width: null,
      size: null,
      bitrate: null,
      finishedAt: null,
    });
    expect(
      (
        await db.prisma.uploadOutput.findUnique({
          where: { fileId_kind_definition: { fileId, kind: "snapshot", definition: 7 } },
        })
      )?.url,
    ).toBe("https://a/7-again.jpg");
  });
});

describe("the statement a group runs", () => {
  let single: TestDatabase;
  beforeAll(async () => {
    single = await createTestDatabase({ poolSize: 1 }); // one connection: the session we look into is the one that ran it
  });
  afterAll(() => single.close());

  test("has no output, task or link step for a group of plain NewFileUploads", async () => {
    await recordEvents(
      single,
      Array.from({ length: 4 }, () => preparedWith(v3NewFileUpload(), {})),
    );
    const fileId = newFileId();
    await recordEvents(single, [
      preparedWith(v3NewFileUpload(), {}),
      preparedWith(procedureBody(fileId), {
        outputs: [outputFor(fileId, { kind: "cover", url: "https://a/c.jpg" })],
        tasks: [],
      }),
    ]);

    // The session that ran the statements: the group-commit connection (create-pipeline.ts).
    const sql = `SELECT name, statement FROM pg_prepared_statements ORDER BY name`;
    type Prepared = { name: string; statement: string };
    const { rows } = single.pipeline
      ? await single.pipeline.query<Prepared>({ text: sql })
      : await single.pool.query<Prepared>(sql);
    expect(rows.map((row) => row.name)).toEqual(["record-events", "record-events-o"]);
    expect(rows[0]?.statement).not.toMatch(/UploadOutput|UploadTask|VodEventFile/);
  });
});
