// Reconcile's pure rule: which VOD event bodies a reconcile records for what VOD knows and we never heard.
import { normaliseEvent } from "../../src/events/normalise-event.js";
import { repairEvents, type HeldUpload, type VodFile } from "../../src/vod/repair-events.js";

const fileId = "5285890784273533167";
const taskId = "1250000000-Procedure-abc";
const media: NonNullable<VodFile["media"]> = {
  FileId: fileId,
  BasicInfo: {
    Name: "lesson",
    Type: "mp4",
    MediaUrl: "http://x/y.mp4",
    SourceInfo: { SourceType: "Upload", SourceContext: "order-1" },
  },
  MetaData: { Size: 1234 },
};
const task = (Status: string): NonNullable<VodFile["task"]> => ({
  TaskId: taskId,
  Status,
  FileId: fileId,
  ErrCode: 0,
  MediaProcessResultSet: [],
});
const held = (overrides: Partial<HeldUpload> = {}): HeldUpload => ({
  status: "UPLOADED",
  procedureTaskId: null,
  procedureStatus: null,
  heardNewFileUpload: true,
  ...overrides,
});

const cases: Array<[string, HeldUpload | null, VodFile, string[]]> = [
  ["a FileId we hold nothing about: NewFileUpload", null, { fileId, media, task: null }, ["NewFileUpload"]],
  [
    "NewFileUpload never heard, task finished: both",
    held({ heardNewFileUpload: false }),
    { fileId, media, task: task("FINISH") },
    ["NewFileUpload", "ProcedureStateChanged"],
  ],
  [
    "task finished, we hold PROCESSING: ProcedureStateChanged",
    held({ status: "PROCESSING", procedureTaskId: taskId, procedureStatus: "PROCESSING" }),
    { fileId, media, task: task("FINISH") },
    ["ProcedureStateChanged"],
  ],
  [
    "task running, we hold nothing of it: ProcedureStateChanged",
    held({ procedureTaskId: taskId }),
    { fileId, media, task: task("PROCESSING") },
    ["ProcedureStateChanged"],
  ],
  [
    "task running, we hold PROCESSING: nothing",
    held({ status: "PROCESSING", procedureTaskId: taskId, procedureStatus: "PROCESSING" }),
    { fileId, media, task: task("PROCESSING") },
    [],
  ],
  [
    "task finished, we hold FINISH: nothing",
    held({ status: "PROCESSED", procedureTaskId: taskId, procedureStatus: "FINISH" }),
    { fileId, media, task: task("FINISH") },
    [],
  ],
  [
    "task waiting: nothing (VOD sends no event for it)",
    held({ procedureTaskId: taskId }),
    { fileId, media, task: task("WAITING") },
    [],
  ],
  ["task aborted: nothing", held({ procedureTaskId: taskId }), { fileId, media, task: task("ABORTED") }, []],
  [
    "VOD no longer knows the FileId: FileDeleted",
    held({ status: "PROCESSED" }),
    { fileId, media: null, task: null },
    ["FileDeleted"],
  ],
  [
    "VOD does not know a PENDING upload's FileId: nothing",
    held({ status: "PENDING" }),
    { fileId, media: null, task: null },
    [],
  ],
  [
    "an upload already DELETED: nothing",
    held({ status: "DELETED", heardNewFileUpload: false }),
    { fileId, media, task: task("FINISH") },
    [],
  ],
];

describe("repairEvents", () => {
  test.each(cases)("%s", (_name, upload, vod, expected) => {
    expect(repairEvents(upload, vod).map((body) => body.EventType)).toEqual(expected);
  });

  test("writes bodies our parser reads as the events they stand for, marked so they never share a callback's key", () => {
    const bodies = repairEvents(held({ heardNewFileUpload: false, status: "PROCESSED" }), {
      fileId,
      media,
      task: task("FINISH"),
    });
    const events = bodies.map((body) => normaliseEvent(body));
    expect(events).toMatchObject([
      { ok: true, event: { kind: "upload", fileId, procedureTaskId: taskId, sourceContext: "order-1" } },
      {
        ok: true,
        event: { kind: "procedure", fileId, procedureTaskId: taskId, procedureStatus: "FINISH", failed: false },
      },
    ]);
    expect(bodies.every((body) => typeof body.Reconcile === "object")).toBe(true);
    const deleted = repairEvents(held(), { fileId, media: null, task: null })[0];
    expect(normaliseEvent(deleted)).toMatchObject({
      ok: true,
      event: { kind: "delete", fileIds: [fileId], whole: { [fileId]: true } },
    });
  });

  test("makes the same bodies from the same VOD answer, so a repeated repair is a duplicate", () => {
    const vod: VodFile = { fileId, media, task: task("FINISH") };
    expect(JSON.stringify(repairEvents(null, vod))).toBe(JSON.stringify(repairEvents(null, vod)));
  });
});
