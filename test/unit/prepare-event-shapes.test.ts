// The hot path builds each event, its metadata and its patch as one object literal (issue 13). These hold what those
// objects were before that rewrite — keys, values and the order of keys — on the real NewFileUpload and task-flow
// result (test/fixtures/SOURCES.md: v3/new-file-upload from vod-reference §9.1, v3/procedure-finish-outputs), and the
// corners the rewrite had to keep by hand.
import { normaliseEvent } from "../../src/events/normalise-event.js";
import { toMetadata } from "../../src/events/to-metadata.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { mediaColumns } from "../../src/uploads/upload-columns.js";
import { toUploadPatch, type UploadPatch } from "../../src/uploads/upload-patch.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

function normalised(body: unknown): VodEvent {
  const result = normaliseEvent(body);
  if (!result.ok) throw new Error(`expected a valid event, got ${JSON.stringify(result.issues)}`);
  return result.event;
}

function patchOf(body: unknown): UploadPatch {
  const patch = toUploadPatch(normalised(body));
  if (!patch) throw new Error("no patch");
  return patch;
}

function uploadWithBasicInfo(members: Json): Json {
  const body = loadFixture("v3/new-file-upload") as Json;
  Object.assign(body.FileUploadEvent.MediaBasicInfo, members);
  return body;
}

const PATCH_KEYS = [
  "media",
  "metadata",
  "procedureTaskId",
  "procedureStatus",
  "procedureErrCode",
  "procedureMessage",
  "procedureResults",
  "finishedAt",
  "occurredAt",
  "outputs",
  "tasks",
  "skippedOutputs",
  "kind",
  "files",
];

describe("the hot path's objects", () => {
  test("a v3 NewFileUpload keeps its keys in the order of the media fields, metadata in the order VOD sent", () => {
    const event = normalised(loadFixture("v3/new-file-upload"));
    expect(Object.keys(event)).toEqual([
      "kind",
      "eventType",
      "format",
      "fileId",
      "procedureTaskId",
      "occurredAt",
      "mediaUrl",
      "coverUrl",
      "name",
      "mediaType",
      "sourceType",
      "sourceContext",
      "storageRegion",
      "subAppId",
      "sessionContext",
      "sessionId",
      "metadata",
    ]);
    // MetaData's members first (the schema's, then the others), then MediaBasicInfo's without a column.
    expect(Object.keys(event.kind === "upload" ? event.metadata : {})).toEqual([
      "size",
      "container",
      "bitrate",
      "height",
      "width",
      "duration",
      "rotate",
      "videoDuration",
      "audioDuration",
      "videoStreamSet",
      "audioStreamSet",
      "classId",
      "updateTime",
      "expireTime",
      "className",
      "classPath",
      "category",
      "mediaStatus",
      "storageClass",
    ]);
  });

  test("a NewFileUpload naming a review gets the pending review after its other keys, and its task id in metadata", () => {
    const body = loadFixture("v3/new-file-upload") as Json;
    body.FileUploadEvent.ReviewAudioVideoTaskId = "1256768367-ReviewAudioVideo-1";
    const event = normalised(body);
    expect(Object.keys(event).slice(-2)).toEqual(["metadata", "review"]);
    expect(event).toMatchObject({
      review: { status: "pending", taskId: "1256768367-ReviewAudioVideo-1" },
      metadata: { reviewAudioVideoTaskId: "1256768367-ReviewAudioVideo-1", mediaStatus: "Normal" },
    });
  });

  test.each([
    [{ MediaStatus: "Forbidden" }, "Forbidden"],
    [{ Status: "", MediaStatus: "Forbidden" }, "Forbidden"],
    [{ Status: "Normal", MediaStatus: "" }, undefined],
    [{ Status: null, MediaStatus: "Forbidden" }, "Forbidden"],
  ])(
    "MediaBasicInfo with both Status and MediaStatus (%j) keeps the later one's value as mediaStatus",
    (members, kept) => {
      // The fixture sends Status first: MediaStatus, added after it, is the later one.
      const metadata = (normalised(uploadWithBasicInfo(members)) as Json).metadata as Json;
      expect(metadata["mediaStatus"]).toBe(kept);
      expect(Object.keys(metadata)).not.toContain("status");
    },
  );

  test("MediaBasicInfo's members that have a column stay out of metadata, whatever their value", () => {
    const metadata = (normalised(uploadWithBasicInfo({ Name: "n", CoverUrl: "https://c.example/c.jpg" })) as Json)
      .metadata as Json;
    for (const key of ["name", "createTime", "coverUrl", "type", "mediaUrl", "storageRegion", "sourceInfo"])
      expect(metadata).not.toHaveProperty(key);
  });

  test.each(["v3/new-file-upload", "v3/procedure-finish-outputs", "legacy/new-file-upload", "v3/pull-complete"])(
    "the patch of %s has the keys every patch has, and its media the columns in the table's order",
    (name) => {
      const patch = patchOf(loadFixture(name));
      expect(Object.keys(patch).slice(0, PATCH_KEYS.length)).toEqual(PATCH_KEYS);
      expect(Object.keys(patch.media)).toEqual(mediaColumns);
    },
  );

  test("a SubAppId the bigint column cannot hold is none in the patch, though the event keeps it", () => {
    const body = loadFixture("v3/new-file-upload") as Json;
    body["SubAppId"] = "1234567890123456789";
    expect(normalised(body)).toMatchObject({ subAppId: "1234567890123456789" });
    expect(patchOf(body).media.subAppId).toBeNull();
    body["SubAppId"] = 1500000001;
    expect(patchOf(body).media.subAppId).toBe("1500000001");
  });

  test("metadata camelCases keys past the size of its cache of spellings", () => {
    const source = Object.fromEntries(Array.from({ length: 5_000 }, (_, n) => [`Key${n}`, n + 1]));
    const metadata = toMetadata(source, { Key7: "later wins", __proto__x: 1 });
    expect(Object.keys(metadata)).toHaveLength(5_001);
    expect(metadata).toMatchObject({ key0: 1, key4999: 5_000, key7: "later wins", __proto__x: 1 });
  });

  test("metadata keeps a __proto__ member as data, not as the object's prototype", () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "Size": 1}') as Json;
    const metadata = toMetadata(source);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata)).toEqual(["__proto__", "size"]);
  });
});
