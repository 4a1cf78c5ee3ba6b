import { uploadJson, uploadJsonSchema } from "../../src/uploads/upload-json.js";
import type { UploadRow } from "../../src/uploads/upload-row.js";

const row: UploadRow = {
  id: "upl_a1B2c3D4e5F6g7H8",
  fileId: "5285890784273533167",
  vodSessionKey: "session-1",
  status: "PROCESSED",
  sourceType: "Upload",
  sourceContext: "order-1001",
  procedure: "LongVideoPreset",
  procedureTaskId: "task-1",
  procedureStatus: "FINISH",
  procedureErrCode: 0,
  procedureMessage: "SUCCESS",
  mediaUrl: "https://example.com/v.mp4",
  coverUrl: null,
  name: "lesson",
  mediaType: "mp4",
  storageRegion: "ap-chongqing",
  subAppId: 1500000001n,
  metadata: { size: 7700180 },
  procedureAt: new Date("2026-01-02T03:04:05.006Z"),
  createdAt: new Date("2026-01-01T00:00:00.000Z"),
  updatedAt: new Date("2026-01-02T03:04:05.006Z"),
  uploadedAt: new Date("2026-01-01T00:00:01.000Z"),
  processedAt: new Date("2026-01-02T03:04:05.006Z"),
  deletedAt: null,
  sessionContext: null,
  sessionId: null,
  derivedFrom: null,
  pullTaskId: null,
  pullErrCode: null,
  pullMessage: null,
  review: null,
  reviewStatus: null,
  reviewTaskId: null,
  reviewAt: null,
  notifySequence: 0n,
  notifyPrevStatus: null,
  notifyFlags: null,
};

describe("uploadJson", () => {
  test("answers the contract's fields in the table's order, without the session key or the rule's procedureAt", () => {
    expect(JSON.stringify(uploadJson(row))).toBe(
      JSON.stringify({
        id: "upl_a1B2c3D4e5F6g7H8",
        fileId: "5285890784273533167",
        status: "PROCESSED",
        sourceType: "Upload",
        sourceContext: "order-1001",
        procedure: "LongVideoPreset",
        procedureTaskId: "task-1",
        procedureStatus: "FINISH",
        procedureErrCode: 0,
        procedureMessage: "SUCCESS",
        mediaUrl: "https://example.com/v.mp4",
        coverUrl: null,
        name: "lesson",
        mediaType: "mp4",
        storageRegion: "ap-chongqing",
        subAppId: 1500000001,
        metadata: { size: 7700180 },
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-02T03:04:05.006Z",
        uploadedAt: "2026-01-01T00:00:01.000Z",
        processedAt: "2026-01-02T03:04:05.006Z",
        deletedAt: null,
        sessionContext: null,
        sessionId: null,
      }),
    );
  });

  test("answers null for unknown values and {} for a missing metadata, and its schema accepts the answer", () => {
    const json = uploadJson({ ...row, subAppId: null, processedAt: null, metadata: null });
    expect(json).toMatchObject({ subAppId: null, processedAt: null, metadata: {} });
    expect(uploadJsonSchema.parse(json)).toEqual(json);
  });

  test("its schema refuses a time that is not ISO-8601 and a status outside the closed set", () => {
    const json = uploadJson(row);
    expect(uploadJsonSchema.safeParse({ ...json, createdAt: "yesterday" }).success).toBe(false);
    expect(uploadJsonSchema.safeParse({ ...json, status: "LOST" }).success).toBe(false);
  });
});
