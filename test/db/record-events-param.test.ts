// The hot-path statement's parameter (src/db/record-events-param.ts), written by hand since issue 13, holds the
// values the builder before it held: for every item and file the same JSON but the keys whose value was null
// (jsonb_to_recordset gives NULL for an absent key as for a JSON null), the same outputs and tasks, and — asked of
// PostgreSQL itself — the same typed rows. The bodies are the real VOD payloads of test/fixtures (v3 and 2017
// formats; origins in SOURCES.md), sent as bytes (a callback) and as text (pull, replay), plus shapes the fixtures
// lack made from them: a failed pull (as SOURCES.md says tests make one), a failed edit (a link patch, as
// test/unit/upload-patch-outputs.test.ts makes it), replays, and Chinese text, emoji, a NUL and a lone surrogate.
import { readFileSync } from "node:fs";
import { derivedFromRecord, outputRecords, taskRecords } from "../../src/db/output-records.js";
import { outputRecordColumns, taskRecordColumns } from "../../src/db/output-steps-sql.js";
import type { RecordEventInput } from "../../src/db/record-event-input.js";
import { recordEventsParams, recordEventsParamText } from "../../src/db/record-events-param.js";
import { filesFrom, itemColumnsOf, storedPayload } from "../../src/db/record-events-sql.js";
import { allSteps } from "../../src/db/statement-steps.js";
import { findRawStorageHazard } from "../../src/events/find-raw-storage-hazard.js";
import { prepareEvent } from "../../src/ingest/ingest-event.js";
import type { UploadPatch } from "../../src/uploads/upload-patch.js";
import { toStorableText } from "../../src/storable-text.js";
import { fixtureNames } from "../fixtures/fixture-names.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

type Json = Record<string, any>;

const fixtureText = (name: string) => readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8");
const RECEIVED_AT = Date.parse("2026-03-01T08:00:00.005Z");

/** The n-th event of a group: arrived n × 37 ms after the first (milliseconds of 1, 2 and 3 digits). */
function prepared(raw: string, asBytes = true, n = 0): RecordEventInput {
  const receivedAt = new Date(RECEIVED_AT + n * 37);
  return prepareEvent({ raw, bytes: asBytes ? Buffer.from(raw) : undefined, channel: "push", receivedAt });
}

function edited(name: string, edit: (body: Json) => void): string {
  const body = JSON.parse(fixtureText(name)) as Json;
  edit(body);
  return JSON.stringify(body);
}

// Non-Latin-1 text in extracted fields and in the payload spliced as bytes; then a NUL and a lone surrogate in
// extracted fields (written as escapes, as VOD would): jsonb takes neither, so the body is kept as text and the
// extracted values are repaired.
const chinese = edited("v3/new-file-upload", (body) => {
  body.FileUploadEvent.MediaBasicInfo.Name = "课程 🎬 第一讲";
  body.FileUploadEvent.MediaBasicInfo.ClassName = "教育 📚";
  body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = '用户 😀 "quoted" \\ back\tslash';
});
const hazardous = edited("v3/new-file-upload", (body) => {
  body.FileUploadEvent.MediaBasicInfo.Name = "课程 🎬 a\u0000b";
  body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = "lone \ud800 surrogate";
});
const failedPull = edited("v3/pull-complete", (body) => {
  body.PullCompleteEvent.ErrCode = 40000;
  body.PullCompleteEvent.FileId = "";
});
const failedEdit = edited("v3/edit-media-complete", (body) => {
  body.EditMediaCompleteEvent.ErrCode = 10010;
});

const bodies = [...fixtureNames().map(fixtureText), chinese, hazardous, failedPull, failedEdit];
const everyBody = (asBytes: (n: number) => boolean) => bodies.map((raw, n) => prepared(raw, asBytes(n), n));

// The normalisers repair most text they extract, but not all (a FileUpload's Name keeps its NUL): the parameter
// repairs whatever reaches it, in every kind of value, as the old builder did. Patches edited by hand.
function unstorableEverywhere(): RecordEventInput[] {
  const withPatch = (raw: string, edit: (patch: UploadPatch) => UploadPatch): RecordEventInput => {
    const input = prepared(raw);
    return { ...input, patch: edit(input.patch as UploadPatch) };
  };
  return [
    withPatch(fixtureText("v3/procedure-finish-outputs"), (patch) => ({
      ...patch,
      media: { ...patch.media, name: "a\u0000b", coverUrl: "lone \ud800" },
      metadata: { ...patch.metadata, nested: { deep: ["x\udc00y"] } },
      procedureMessage: "m\u0000",
      procedureResults: [{ message: "r\ud800" }],
      outputs: patch.outputs.map((output) => ({ ...output, url: `${output.url ?? ""}\u0000` })),
      tasks: patch.tasks.map((task) => ({ ...task, message: "t\udbff" })),
    })),
    withPatch(fixtureText("v3/file-deleted-partial"), (patch) => ({
      ...patch,
      files: patch.files.map((file) => ({ ...file, deletedParts: [{ type: "x\u0000" }] })),
    })),
    withPatch(fixtureText("v3/review-audio-video-complete"), (patch) => ({
      ...patch,
      review: patch.review && { ...patch.review, taskId: "review \u0000" },
    })),
  ];
}

/** The new builder's parameter in JSON (its items' payloads read from their slices of the second parameter, as
 *  "payload") and the old builder's, parsed; the old one without the null keys of its items and files. */
function bothWays(inputs: readonly RecordEventInput[]): { now: Json; before: Json } {
  const withoutNulls = (record: Json) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
  const before = JSON.parse(recordEventsParamText(referenceParam(inputs))) as Json;
  before.items = before.items.map(withoutNulls);
  before.files = before.files.map(withoutNulls);
  const [param, payloads] = recordEventsParams(inputs);
  const now = JSON.parse(recordEventsParamText(param)) as Json;
  now.items = now.items.map(({ payloadAt, payloadBytes, ...item }: Json) =>
    payloadAt === undefined
      ? item
      : { ...item, payload: JSON.parse(payloads.toString("utf8", payloadAt - 1, payloadAt - 1 + payloadBytes)) },
  );
  return { now, before };
}
const paramOf = (inputs: readonly RecordEventInput[]) => recordEventsParams(inputs)[0];

describe("the hot-path statement's parameter", () => {
  test("holds every fixture's values as the old builder did, but the null keys, as bytes and as text", () => {
    for (const asBytes of [true, false]) {
      const inputs = everyBody(() => asBytes);
      for (const input of inputs) {
        const { now, before } = bothWays([input]);
        expect(now).toEqual(before);
      }
      const { now, before } = bothWays(inputs);
      expect(now).toEqual(before);
      expect(now.items).toHaveLength(bodies.length);
      for (const record of [...now.items, ...now.files]) expect(Object.values(record)).not.toContain(null);
    }
  });

  test("holds a replay's time and stored event as the old builder did", () => {
    // Times beyond the usual too: before 1970, the last millisecond we store, a six-digit year.
    const times = [RECEIVED_AT + 61_000, -1, Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10_000, 0, 1)];
    const inputs = everyBody((n) => n % 2 === 0).map((input, n) => ({
      ...input,
      replayedAt: new Date(times[n] ?? RECEIVED_AT + n),
      replayOf: 9_007_199_254_740_993n + BigInt(n),
    }));
    const { now, before } = bothWays(inputs);
    expect(now).toEqual(before);
    expect(now.items[0]).toMatchObject({ replayedAt: "2026-03-01T08:01:01.005Z", replayOf: "9007199254740993" });
    expect(now.items.slice(1, 4).map((item: Json) => item.replayedAt)).toEqual([
      "1969-12-31T23:59:59.999Z",
      "9999-12-31T23:59:59.999Z",
      "+010000-01-01T00:00:00.000Z",
    ]);
  });

  test("repairs a NUL and a lone surrogate in extracted fields as before, and keeps the body as text", () => {
    const input = prepared(hazardous);
    expect(input.payloadJson).toBeNull();
    expect(input.row.payloadText).toBe(hazardous);
    const text = recordEventsParamText(paramOf([input]));
    expect(findRawStorageHazard(text)).toBeNull();
    const { now, before } = bothWays([input]);
    expect(now).toEqual(before);
    expect(now.items[0]).toMatchObject({ name: "课程 🎬 a\uFFFDb", sourceContext: "lone \uFFFD surrogate" });
  });

  test("repairs a NUL and a lone surrogate in any value that reaches it, as the old builder did", () => {
    for (const input of unstorableEverywhere()) {
      expect(findRawStorageHazard(recordEventsParamText(paramOf([input])))).toBeNull();
      const { now, before } = bothWays([input]);
      expect(now).toEqual(before);
    }
    const { now, before } = bothWays([...unstorableEverywhere(), ...everyBody(() => true)]);
    expect(now).toEqual(before);
  });

  test("sends the payloads apart, as the bytes received, non-Latin-1 text included", () => {
    const input = prepared(chinese);
    const other = fixtureText("v3/new-file-upload");
    const [param, payloads] = recordEventsParams([input, prepared(other), prepared(other, false)]);
    expect(param[0]).toBe(1);
    expect(param.includes(Buffer.from("课程 🎬 第一讲"))).toBe(true);
    expect(payloads.equals(Buffer.from(chinese + other + other))).toBe(true);
    const items = JSON.parse(recordEventsParamText(param)).items as Json[];
    expect(items.map(({ payloadAt, payloadBytes }) => [payloadAt, payloadBytes])).toEqual([
      [1, Buffer.byteLength(chinese)],
      [1 + Buffer.byteLength(chinese), Buffer.byteLength(other)],
      [1 + Buffer.byteLength(chinese) + Buffer.byteLength(other), Buffer.byteLength(other)],
    ]);
    expect(bothWays([input]).now.items[0].name).toBe("课程 🎬 第一讲");
  });

  test("is smaller than the old builder's, payloads included", () => {
    const inputs = everyBody(() => true);
    const [param, payloads] = recordEventsParams(inputs);
    expect(param.length + payloads.length).toBeLessThan(referenceParam(inputs).length);
  });
});

describe("the parameter as PostgreSQL reads it", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 1 });
  });
  afterAll(() => db.close());

  const every = allSteps;
  // The columns every statement reads (record-events-sql.ts, replay-events-sql.ts, output-steps-sql.ts).
  const rowsOf = `SELECT
    (SELECT jsonb_agg(to_jsonb(x)) FROM jsonb_to_recordset($1::jsonb -> 'items')
       AS x(${itemColumnsOf(every)}, "replayedAt" timestamptz, "replayOf" bigint)) AS items,
    (SELECT jsonb_agg(to_jsonb(f)) FROM ${filesFrom(every)}) AS files,
    (SELECT jsonb_agg(to_jsonb(r)) FROM jsonb_to_recordset($1::jsonb -> 'outputs') AS r(${outputRecordColumns})) AS outputs,
    (SELECT jsonb_agg(to_jsonb(r)) FROM jsonb_to_recordset($1::jsonb -> 'tasks') AS r(${taskRecordColumns})) AS tasks`;
  const read = async (param: Buffer) => (await db.pool.query<Json>(rowsOf, [param])).rows[0];
  const withoutSlices = (rows: Json | undefined) => ({
    ...rows,
    items: rows?.items.map(({ payloadAt: _at, payloadBytes: _bytes, ...item }: Json) => item),
  });

  test("gives the same typed rows as the old builder's for every fixture, a replay and a hazardous body", async () => {
    const inputs = [...everyBody((n) => n % 2 === 0), ...unstorableEverywhere()];
    const replays = inputs.map((input, n) => ({ ...input, replayedAt: new Date(n * 7), replayOf: BigInt(n + 1) }));
    for (const group of [inputs, replays]) {
      const [now, before] = [await read(paramOf(group)), await read(referenceParam(group))];
      expect(withoutSlices(now)).toEqual(withoutSlices(before));
      expect(now?.items).toHaveLength(inputs.length);
      expect(now?.outputs.length).toBeGreaterThan(0);
    }
  });

  test("stores each payload as the text received, from its slice of the second parameter", async () => {
    const inputs = everyBody((n) => n % 2 === 0);
    const stored = await db.pool.query<{ text: string | null }>(
      `SELECT ${storedPayload} AS text FROM jsonb_to_recordset($1::jsonb -> 'items') AS x(${itemColumnsOf(every)}) ORDER BY i`,
      recordEventsParams(inputs),
    );
    expect(stored.rows.map((row) => row.text)).toEqual(bodies);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The builder before issue 13's rewrite, verbatim but for its name: the reference the new one is held to.

function referenceParam(inputs: readonly RecordEventInput[]): Buffer {
  const parts: Buffer[] = [JSONB_VERSION];
  let text = '{"items":[';
  const files: unknown[] = [];
  const outputs: object[] = [];
  const tasks: object[] = [];
  inputs.forEach((input, i) => {
    const { row, patch } = input;
    const fields = {
      i,
      dedupeKey: row.dedupeKey,
      eventType: row.eventType,
      format: row.format,
      channel: row.channel,
      eventFileId: row.fileId,
      eventTaskId: row.procedureTaskId,
      payloadText: row.payloadText,
      outcome: row.outcome,
      error: row.error,
      receivedAt: input.receivedAt.toISOString(),
      kind: patch?.kind ?? null,
      ...patch?.media,
      metadata: patch?.metadata ?? null,
      procedureTaskId: patch?.procedureTaskId ?? null,
      procedureStatus: patch?.procedureStatus ?? null,
      procedureErrCode: patch?.procedureErrCode ?? null,
      procedureMessage: patch?.procedureMessage ?? null,
      procedureResults: patch?.procedureResults ?? null,
      finishedAt: patch?.finishedAt ?? null,
      occurredAt: patch?.occurredAt ?? null,
      ...(patch?.review
        ? {
            review: patch.review,
            reviewStatus: patch.review.status,
            reviewTaskId: patch.review.taskId,
            reviewFinishedAt: patch.review.finishedAt,
          }
        : {}),
      ...(patch?.pull
        ? { pullTaskId: patch.pull.taskId, pullErrCode: patch.pull.errCode, pullMessage: patch.pull.message }
        : {}),
      ...(input.replayedAt ? { replayedAt: input.replayedAt.toISOString() } : {}),
      ...(input.replayOf !== undefined ? { replayOf: String(input.replayOf) } : {}),
    };
    let item = JSON.stringify(fields);
    if (unstorableEscape.test(item)) item = JSON.stringify(fields, storable);
    text += `${i ? "," : ""}${item.slice(0, -1)},"payload":`;
    const payload = input.payloadJson;
    if (typeof payload === "string" || payload === null) text += `${payload ?? "null"}}`;
    else {
      parts.push(Buffer.from(text), payload);
      text = "}";
    }
    if (!patch) return;
    const linkOnly = patch.kind === "link";
    const derivedFrom = patch.derivedFrom ? derivedFromRecord(patch.derivedFrom) : null;
    patch.files.forEach((file, index) =>
      files.push({
        i,
        id: input.newIds[index],
        ...file,
        ...(linkOnly ? { linkOnly } : {}),
        ...(derivedFrom && !file.linkOnly ? { derivedFrom } : {}),
      }),
    );
    if (patch.outputs.length) outputs.push(...outputRecords(patch.outputs, i, input.receivedAt));
    if (patch.tasks.length) tasks.push(...taskRecords(patch.tasks, i));
  });
  const extras =
    (outputs.length ? `,"outputs":${storableJson(outputs)}` : "") +
    (tasks.length ? `,"tasks":${storableJson(tasks)}` : "");
  parts.push(Buffer.from(`${text}],"files":${JSON.stringify(files, storable)}${extras}}`));
  return Buffer.concat(parts);
}

const JSONB_VERSION = Buffer.from([1]);

function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return unstorableEscape.test(json) ? JSON.stringify(value, storable) : json;
}

const unstorableEscape = /\\u(?:0000|d[89a-f])/i;

function storable(_key: string, value: unknown): unknown {
  return typeof value === "string" ? toStorableText(value) : value;
}
