// fast-check generators of events about one FileId for the status rule's properties: the TypeScript rule alone
// (test/unit/status-rule-properties.test.ts) and the SQL rule through the real ingest path
// (test/db/status-rule-sql-properties.test.ts). Every generated event is one VOD could send: v3CallbackBody
// renders it as a body that normalises back to it, so both tests read the same sequences.
import fc from "fast-check";
import type { UploadEvent } from "../../src/events/vod-event.js";
import { deleteEvent, procedureEvent, uploadEvent } from "./vod-event-factory.js";

const FILE_ID = "5285890784273533167";

const time = fc.date({
  min: new Date("2024-01-01T00:00:00Z"),
  max: new Date("2026-01-01T00:00:00Z"),
  noInvalidDate: true,
});

// Uploads differ in the media fields a later event may or may not fill (the merge rules), not only in status.
const upload = fc
  .record({
    name: fc.constantFrom<string | null>("lesson-01-intro", "renamed", null),
    coverUrl: fc.option(fc.constant("https://1256768367.vod2.myqcloud.com/cover.jpg")),
    sourceContext: fc.constantFrom<string | null>("order-1001", null),
    subAppId: fc.option(fc.constant("1500001234")),
    occurredAt: fc.option(time),
  })
  .map((fields: Partial<UploadEvent>) => uploadEvent(FILE_ID, fields));

const runningTask = { type: "Transcode", status: "PROCESSING", errCode: 0, errCodeExt: null, message: null };
const failedTask = {
  type: "Transcode",
  status: "FAIL",
  errCode: 30009,
  errCodeExt: "SourceFileError",
  message: "Source file error",
};

// VOD sends PROCESSING; any other Status than FINISH counts as a running task flow (status-rank.ts). A finish time
// comes from a subtask's FinishTime, so a running flow that has one reports a subtask.
const running = fc
  .record({ procedureStatus: fc.constantFrom("PROCESSING", "WAITING"), finishedAt: fc.option(time) })
  .map((fields) => procedureEvent(FILE_ID, { ...fields, results: [runningTask] }));

/** A FINISH; a failed one says so the way VOD does, with a failed subtask. */
const result = (finishedAt: fc.Arbitrary<Date | null>) =>
  fc.record({ failed: fc.boolean(), finishedAt }).map(({ failed, finishedAt: at }) =>
    procedureEvent(FILE_ID, {
      procedureStatus: "FINISH",
      finishedAt: at,
      ...(failed ? { failed, results: [failedTask] } : {}),
    }),
  );

const removal = fc.boolean().map((partial) => deleteEvent([FILE_ID], { partial }));

/** Any events about one FileId, in any order: results with or without finish times, equal ones included. */
const anyEvents = fc.array(fc.oneof(upload, running, result(fc.option(time)), removal), {
  minLength: 1,
  maxLength: 10,
});

/** Events whose results each carry a finish time of their own, some delivered twice, in every arrival order. */
const timedEvents = fc
  .tuple(
    fc.array(fc.oneof(upload, running, removal), { maxLength: 5 }),
    fc.uniqueArray(result(time), { selector: (event) => event.finishedAt?.getTime(), maxLength: 4 }),
  )
  .map(([others, results]) => [...others, ...results])
  .filter((events) => events.length > 0)
  .chain((events) => fc.tuple(fc.constant(events), fc.array(fc.constantFrom(...events), { maxLength: 3 })))
  .chain(([events, again]) => {
    const delivered = [...events, ...again];
    return fc.record({
      events: fc.constant(events),
      arrival: fc.shuffledSubarray(delivered, { minLength: delivered.length, maxLength: delivered.length }),
    });
  });

export const statusRuleArbitraries = { FILE_ID, time, upload, running, result, removal, anyEvents, timedEvents };
