// NewFileUpload (and even the task-flow result) can reach us before CommitUpload answers: the row those events
// created is folded into the PENDING upload, which keeps its id; ranks still only rise.
import { attachFileId } from "../../src/db/attach-file-id.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { newUploadId } from "../../src/uploads/upload-ref.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const pending = () =>
  db.prisma.upload.create({
    data: {
      id: newUploadId(),
      status: "PENDING",
      vodSessionKey: `session-${newUploadId()}`,
      procedure: "LongVideoPreset",
      sourceContext: "order-5",
      mediaType: "mp4",
    },
  });

test("events that overtook the commit are folded into the PENDING upload, which keeps its id", async () => {
  const upload = await pending();
  const fileId = newFileId();
  await ingestEvent({ db }, { raw: JSON.stringify(v3NewFileUpload(fileId)), channel: "push" });
  await ingestEvent({ db }, { raw: JSON.stringify(v3Procedure(fileId)), channel: "push" });

  const merged = await attachFileId(db, upload.id, {
    fileId,
    mediaUrl: "https://commit/url.mp4",
    coverUrl: null,
    at: new Date(),
  });
  expect(merged).toMatchObject({
    id: upload.id,
    fileId,
    status: "PROCESSED",
    procedure: "LongVideoPreset",
    procedureStatus: "FINISH",
    vodSessionKey: upload.vodSessionKey,
  });
  expect(merged.mediaUrl).not.toBe("https://commit/url.mp4"); // what VOD's event said wins
  expect(await db.prisma.upload.count({ where: { fileId } })).toBe(1);
});

test("a commit with no earlier events makes the upload UPLOADED with the commit's URL, and later events update the same row", async () => {
  const upload = await pending();
  const fileId = newFileId();
  const committed = await attachFileId(db, upload.id, {
    fileId,
    mediaUrl: "https://commit/url.mp4",
    coverUrl: null,
    at: new Date(),
  });
  expect(committed).toMatchObject({
    id: upload.id,
    status: "UPLOADED",
    mediaUrl: "https://commit/url.mp4",
    uploadedAt: expect.any(Date),
  });
  const result = await ingestEvent({ db }, { raw: JSON.stringify(v3NewFileUpload(fileId)), channel: "push" });
  expect(result).toMatchObject({ outcome: "applied", status: "UPLOADED" });
  expect((await db.prisma.upload.findMany({ where: { fileId } })).map((row) => row.id)).toEqual([upload.id]);
});
