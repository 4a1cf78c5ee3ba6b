import { normaliseEvent } from "../../src/events/normalise-event.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

function patched(name: string, patch: (body: Json) => void): Json {
  const body = loadFixture(name) as Json;
  patch(body);
  return body;
}

// A FileId beyond 2^53 that reached JSON.parse as a bare number: already rounded before we see it.
const roundedFileId = JSON.parse('{"EventType":"NewFileUpload","FileUploadEvent":{"FileId":5285890784273533167}}');

describe("normaliseEvent with a body that fails the schema", () => {
  it.each<
    [
      string,
      unknown,
      { format: string | null; eventType: string | null; fileId: string | null; path: unknown[]; code: string },
    ]
  >([
    [
      "a v3 NewFileUpload without FileId",
      patched("v3/new-file-upload", (body) => delete body.FileUploadEvent.FileId),
      { format: "v3", eventType: "NewFileUpload", fileId: null, path: ["FileUploadEvent", "FileId"], code: "custom" },
    ],
    [
      "a v3 NewFileUpload with an empty FileId",
      patched("v3/new-file-upload", (body) => (body.FileUploadEvent.FileId = "")),
      { format: "v3", eventType: "NewFileUpload", fileId: null, path: ["FileUploadEvent", "FileId"], code: "custom" },
    ],
    [
      "a FileId number too large to survive JSON.parse",
      roundedFileId,
      { format: "v3", eventType: "NewFileUpload", fileId: null, path: ["FileUploadEvent", "FileId"], code: "custom" },
    ],
    [
      "a v3 NewFileUpload without its FileUploadEvent",
      { EventType: "NewFileUpload" },
      { format: "v3", eventType: "NewFileUpload", fileId: null, path: ["FileUploadEvent"], code: "invalid_type" },
    ],
    [
      "a ProcedureStateChanged whose ErrCode is not a number",
      patched("v3/procedure-finish-success", (body) => (body.ProcedureStateChangeEvent.ErrCode = "none")),
      {
        format: "v3",
        eventType: "ProcedureStateChanged",
        fileId: "5285890784273533167",
        path: ["ProcedureStateChangeEvent", "ErrCode"],
        code: "invalid_type",
      },
    ],
    [
      "a ProcedureStateChanged without Status",
      patched("v3/procedure-finish-success", (body) => delete body.ProcedureStateChangeEvent.Status),
      {
        format: "v3",
        eventType: "ProcedureStateChanged",
        fileId: "5285890784273533167",
        path: ["ProcedureStateChangeEvent", "Status"],
        code: "invalid_type",
      },
    ],
    [
      "a subtask whose Status is not a string",
      patched(
        "v3/procedure-finish-success",
        (body) => (body.ProcedureStateChangeEvent.MediaProcessResultSet[1].CoverBySnapshotTask.Status = 1),
      ),
      {
        format: "v3",
        eventType: "ProcedureStateChanged",
        fileId: "5285890784273533167",
        path: ["ProcedureStateChangeEvent", "MediaProcessResultSet", 1, "CoverBySnapshotTask", "Status"],
        code: "invalid_type",
      },
    ],
    [
      "a FileDeleted that names no FileId",
      { EventType: "FileDeleted", FileDeleteEvent: { FileIdSet: [], FileDeleteResultInfo: null } },
      { format: "v3", eventType: "FileDeleted", fileId: null, path: ["FileDeleteEvent", "FileIdSet"], code: "custom" },
    ],
    [
      "a FileDeleted part without Type",
      patched(
        "v3/file-deleted-partial",
        (body) => delete body.FileDeleteEvent.FileDeleteResultInfo[0].DeleteParts[0].Type,
      ),
      {
        format: "v3",
        eventType: "FileDeleted",
        fileId: null,
        path: ["FileDeleteEvent", "FileDeleteResultInfo", 0, "DeleteParts", 0, "Type"],
        code: "invalid_type",
      },
    ],
    [
      "an EventType that is not a string",
      { EventType: 7, FileUploadEvent: { FileId: "42" } },
      { format: "v3", eventType: null, fileId: "42", path: ["EventType"], code: "invalid_type" },
    ],
    [
      "a 2017-format body whose data is not an object",
      { version: "4.0", eventType: "NewFileUpload", data: "fileId=1" },
      { format: "legacy", eventType: "NewFileUpload", fileId: null, path: ["data"], code: "invalid_type" },
    ],
    [
      "a 2017-format NewFileUpload without fileId",
      patched("legacy/new-file-upload", (body) => delete body.data.fileId),
      { format: "legacy", eventType: "NewFileUpload", fileId: null, path: ["data", "fileId"], code: "custom" },
    ],
    [
      "a 2017-format ProcedureStateChanged whose errCode is not a number",
      patched("legacy/procedure-state-changed", (body) => (body.data.errCode = true)),
      {
        format: "legacy",
        eventType: "ProcedureStateChanged",
        fileId: "5285890784273533167",
        path: ["data", "errCode"],
        code: "invalid_type",
      },
    ],
    [
      "a 2017-format FileDeleted with an empty fileInfo",
      patched("legacy/file-deleted", (body) => (body.data.fileInfo = [])),
      { format: "legacy", eventType: "FileDeleted", fileId: null, path: ["data", "fileInfo"], code: "too_small" },
    ],
    [
      "an object with neither EventType nor eventType",
      { Event: "NewFileUpload", FileId: "77" },
      { format: null, eventType: null, fileId: "77", path: [], code: "custom" },
    ],
  ])("rejects %s, naming what it can", (_, body, expected) => {
    const result = normaliseEvent(body);
    expect(result).toMatchObject({
      ok: false,
      format: expected.format,
      eventType: expected.eventType,
      fileId: expected.fileId,
    });
    if (result.ok) return;
    expect(result.issues).toContainEqual(expect.objectContaining({ path: expected.path, code: expected.code }));
    for (const issue of result.issues) expect(issue.message).toEqual(expect.any(String));
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["an array", [loadFixture("v3/new-file-upload")]],
    ["a string", "NewFileUpload"],
    ["a number", 42],
  ])("rejects %s as not a JSON object", (_, body) => {
    expect(normaliseEvent(body)).toEqual({
      ok: false,
      format: null,
      eventType: null,
      fileId: null,
      issues: [{ path: [], code: "invalid_type", message: expect.any(String) }],
    });
  });

  it("stores an unknown event type as kind other, even without any FileId", () => {
    expect(normaliseEvent({ EventType: "AigcVideoTaskComplete", AigcVideoCompleteEvent: { TaskId: "t-1" } })).toEqual({
      ok: true,
      event: { kind: "other", eventType: "AigcVideoTaskComplete", format: "v3", fileId: null },
    });
  });
});
