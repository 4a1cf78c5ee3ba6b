import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { DeleteEvent } from "../../src/events/vod-event.js";
import { loadFixture } from "../fixtures/load-fixture.js";

function deletion(body: unknown): DeleteEvent {
  const result = normaliseEvent(body);
  if (!result.ok || result.event.kind !== "delete") throw new Error(`not a delete event: ${JSON.stringify(result)}`);
  return result.event;
}

const v3 = (event: unknown) => ({ EventType: "FileDeleted", FileDeleteEvent: event });

describe("normaliseEvent on FileDeleted", () => {
  it("names every FileId of FileIdSet and FileDeleteResultInfo once, in order", () => {
    const event = deletion(
      v3({
        FileIdSet: ["1", "2"],
        FileDeleteResultInfo: [
          { FileId: "2", DeleteParts: [] },
          { FileId: "3", DeleteParts: [{ Type: "TranscodeFiles", Definition: 100020 }] },
        ],
      }),
    );
    expect(event.fileIds).toEqual(["1", "2", "3"]);
    expect(event.whole).toEqual({ 1: true, 2: true, 3: false });
    expect(event.parts).toEqual({ 1: [], 2: [], 3: [{ type: "TranscodeFiles", definition: 100020 }] });
  });

  it.each<[string, unknown, boolean]>([
    ["DeleteParts is empty", [], true],
    ["DeleteParts is absent", undefined, true],
    ["DeleteParts is null", null, true],
    [
      "DeleteParts names OriginalFiles",
      [
        { Type: "TranscodeFiles", Definition: 0 },
        { Type: "OriginalFiles", Definition: 0 },
      ],
      true,
    ],
    ["DeleteParts names only TranscodeFiles", [{ Type: "TranscodeFiles", Definition: 0 }], false],
    ["DeleteParts names only other parts", [{ Type: "AdaptiveDynamicStreamingFiles", Definition: "0" }], false],
  ])("treats the media as wholly deleted when %s: %s", (_, deleteParts, whole) => {
    const event = deletion(v3({ FileDeleteResultInfo: [{ FileId: "9", DeleteParts: deleteParts }] }));
    expect(event.whole).toEqual({ 9: whole });
  });

  it("records the parts of a partial delete", () => {
    expect(deletion(loadFixture("v3/file-deleted-partial")).parts).toEqual({
      "5285890784273533167": [{ type: "TranscodeFiles", definition: 0 }],
    });
  });

  it("treats every FileId of a 2017-format FileDeleted as wholly deleted", () => {
    const body = {
      version: 4,
      eventType: "FileDeleted",
      data: { fileInfo: [{ fileId: "11" }, { fileId: 12 }, { fileId: "11" }] },
    };
    expect(deletion(body)).toEqual({
      kind: "delete",
      eventType: "FileDeleted",
      format: "legacy",
      fileIds: ["11", "12"],
      whole: { 11: true, 12: true },
      parts: { 11: [], 12: [] },
    });
  });

  it("keeps a FileId spelled __proto__ as data", () => {
    const event = deletion(JSON.parse('{"EventType":"FileDeleted","FileDeleteEvent":{"FileIdSet":["__proto__"]}}'));
    expect(Object.keys(event.whole)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(event.whole)).toBe(Object.prototype);
  });
});
