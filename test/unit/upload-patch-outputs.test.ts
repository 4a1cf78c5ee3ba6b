// What the hot-path statement is given to write for an event's outputs, tasks and links (toUploadPatch), from real
// payloads (test/fixtures/SOURCES.md) changed the way a broken sender would: an output that cannot be a row is
// skipped and counted (issue 14 "Bad input"), never the event.
import { readFileSync } from "node:fs";
import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { applyPatch } from "../../src/uploads/apply-event.js";
import { toUploadPatch, type UploadPatch } from "../../src/uploads/upload-patch.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { uploadEvent } from "../support/vod-event-factory.js";

type Json = Record<string, any>;

function normalised(body: Json, raw?: string): VodEvent {
  const result = normaliseEvent(body, raw);
  if (!result.ok) throw new Error(`not an event: ${JSON.stringify(result.issues)}`);
  return result.event;
}

function patchOf(name: string, change: (event: Json) => void = () => undefined): UploadPatch {
  const body = loadFixture(name) as Json;
  change(body.ProcedureStateChangeEvent ?? body.data);
  const patch = toUploadPatch(normalised(body));
  if (!patch) throw new Error("no patch");
  return patch;
}

const FILE_ID = "3701925920477195402";
const results = (event: Json): Json[] => event.MediaProcessResultSet;
const transcodeOutput = (event: Json): Json => results(event)[0]!.TranscodeTask.Output;

/** A transcode result shaped like the fixture's (ProcedureStateChanged page), with its own definition and time. */
function transcode(
  definition: number,
  finishTime: string | null,
  url: unknown = `https://vod.example/v.f${definition}.mp4`,
) {
  return {
    Type: "Transcode",
    TranscodeTask: {
      Status: "SUCCESS",
      ErrCode: 0,
      Input: { Definition: 20 },
      Output: { Url: url, Definition: definition, Size: 10, Bitrate: 100, Width: 640, Height: 360, Duration: 1 },
      FinishTime: finishTime,
    },
  };
}

describe("toUploadPatch on outputs", () => {
  it("gives each output of a task flow its file, and the flow's task with its file", () => {
    const patch = patchOf("v3/procedure-finish-outputs");
    expect(patch.outputs.map((output) => [output.fileId, output.kind, output.definition])).toEqual([
      [FILE_ID, "transcode", 20],
      [FILE_ID, "adaptive", 10],
      [FILE_ID, "snapshot", 10],
      [FILE_ID, "sampleSnapshot", 10],
      [FILE_ID, "sprite", 10],
      [FILE_ID, "cover", 10],
    ]);
    expect(patch.tasks).toEqual([
      expect.objectContaining({
        fileId: FILE_ID,
        taskId: "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0",
        kind: "Procedure",
        status: "FINISH",
      }),
    ]);
    expect(patch.skippedOutputs).toBe(0);
    expect(patch.media).toMatchObject({ sessionContext: '{"orderId":1001}', sessionId: "order-1001-procedure" });
  });

  it.each<[string, (output: Json) => void]>([
    ["a definition that is not an integer", (output) => (output.Definition = 20.5)],
    ["a definition that is not a number", (output) => (output.Definition = "twenty")],
    ["a negative size", (output) => (output.Size = -1)],
    ["a URL that is not a string", (output) => (output.Url = 42)],
    ["no URL", (output) => delete output.Url],
    ["a URL with a control character", (output) => (output.Url = "http://vod.example/v.f20.mp4\r\nX-Injected: 1")],
    ["a width beyond a 32-bit integer", (output) => (output.Width = 2 ** 31)],
    ["a negative duration", (output) => (output.Duration = -3)],
  ])("skips and counts an output with %s, keeping the others and the event", (_, change) => {
    const patch = patchOf("v3/procedure-finish-outputs", (event) => change(transcodeOutput(event)));
    expect(patch.outputs.map((output) => output.kind)).toEqual([
      "adaptive",
      "snapshot",
      "sampleSnapshot",
      "sprite",
      "cover",
    ]);
    expect(patch.skippedOutputs).toBe(1);
    expect(patch.files).toEqual([{ fileId: FILE_ID, target: "PROCESSED", deletedParts: null }]);
  });

  it("skips an image output one of whose image URLs holds a control character", () => {
    const patch = patchOf("v3/procedure-finish-outputs", (event) => {
      results(event)[4]!.ImageSpriteTask.Output.WebVttUrl = "http://vod.example/sprite.vtt\u0000";
      results(event)[3]!.SampleSnapshotTask.Output.ImageUrlSet.push("http://vod.example/\u0007.jpg");
    });
    expect(patch.outputs.map((output) => output.kind)).toEqual(["transcode", "adaptive", "snapshot", "cover"]);
    expect(patch.skippedOutputs).toBe(2);
  });

  it("keeps at most 1,000 outputs of one event and counts the rest", () => {
    const patch = patchOf("v3/procedure-finish-outputs", (event) => {
      event.MediaProcessResultSet = Array.from({ length: 5_000 }, (_, i) => transcode(100_000 + i, null));
    });
    expect(patch.outputs).toHaveLength(1_000);
    expect(patch.outputs[999]).toMatchObject({ definition: 100_999 });
    expect(patch.skippedOutputs).toBe(4_000);
  });

  it("keeps one output per kind and definition: the later finish, else the later one listed", () => {
    const patch = patchOf("v3/procedure-finish-outputs", (event) => {
      event.MediaProcessResultSet = [
        transcode(30, "2024-06-10T09:00:00Z", "https://vod.example/late.mp4"),
        transcode(30, "2024-06-10T08:00:00Z", "https://vod.example/early.mp4"),
        transcode(40, null, "https://vod.example/first.mp4"),
        transcode(40, null, "https://vod.example/second.mp4"),
      ];
    });
    expect(patch.outputs.map((output) => [output.definition, output.url])).toEqual([
      [30, "https://vod.example/late.mp4"],
      [40, "https://vod.example/second.mp4"],
    ]);
    expect(patch.skippedOutputs).toBe(0);
  });

  it("stores times the columns cannot hold as null, and an error code beyond 32 bits as null", () => {
    const patch = patchOf("v3/procedure-finish-success", (event) => {
      event.ErrCode = 2 ** 40;
      event.MediaProcessResultSet[0].TranscodeTask.FinishTime = "0001-01-01T00:00:00Z";
    });
    expect(patch.tasks[0]).toMatchObject({ errCode: null, finishedAt: null });
    expect(patch.tasks[0]?.subtasks[0]).toMatchObject({ finishedAt: null, beganAt: new Date("2024-06-10T08:12:45Z") });
    expect(patch.outputs[0]).toMatchObject({ kind: "transcode", finishedAt: null });
  });

  it("fails the upload with a failed 2017 TranscodeComplete and keeps a successful one's renditions", () => {
    const failed = patchOf("legacy/transcode-complete-failed");
    expect(failed).toMatchObject({ kind: "procedure", procedureErrCode: -43001, outputs: [], skippedOutputs: 0 });
    expect(failed.files).toEqual([{ fileId: "14508071098244931831", target: "FAILED", deletedParts: null }]);
    expect(failed.tasks).toEqual([expect.objectContaining({ kind: "Transcode", failed: true, errCode: -43001 })]);
    const done = patchOf("legacy/transcode-complete");
    expect(done.files[0]).toMatchObject({ target: "PROCESSED" });
    expect(done.outputs.map((output) => `${output.kind}:${output.definition}`)).toEqual([
      "transcode:0",
      "transcode:10",
      "transcode:20",
      "transcode:220",
      "transcode:30",
      "transcode:40",
      "cover:0",
    ]);
  });
});

describe("toUploadPatch on events naming other files", () => {
  const textOf = (name: string) => readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8");

  it("makes a compose output an upload, derived from its inputs, each input linked only", () => {
    const raw = textOf("v3/compose-media-complete");
    const patch = toUploadPatch(normalised(JSON.parse(raw) as Json, raw));
    expect(patch).toMatchObject({
      kind: "upload",
      media: { mediaUrl: "http://125676836723.vod2.myqcloud.com/xxx/xxx/xxx.mp4", mediaType: "mp4" },
      derivedFrom: ["5285485487985271487", "5285485487985271488", "5285485487985271489"],
      tasks: [expect.objectContaining({ fileId: "5285485487985271490", kind: "ComposeMedia" })],
    });
    expect(patch?.files).toEqual([
      { fileId: "5285485487985271490", target: "UPLOADED", deletedParts: null },
      ...["5285485487985271487", "5285485487985271488", "5285485487985271489"].map((fileId) => ({
        fileId,
        target: null,
        deletedParts: null,
        linkOnly: true,
      })),
    ]);
  });

  it("makes a failed edit a link patch that changes no upload, linking every file it names", () => {
    const body = loadFixture("v3/edit-media-complete") as Json;
    body.EditMediaCompleteEvent.ErrCode = 10010;
    const patch = toUploadPatch(normalised(body));
    expect(patch).toMatchObject({ kind: "link", outputs: [], tasks: [] });
    expect(patch?.files.map((file) => [file.fileId, file.target, file.linkOnly])).toEqual([
      ["24961954183381008", null, true],
      ["24961954183381009", null, true],
      ["24961954183381010", null, true],
      ["24961954183923290", null, true],
    ]);
    const held = {
      ...applyPatch(
        null,
        toUploadPatch(uploadEvent("24961954183381008"))!,
        { fileId: "24961954183381008", target: "UPLOADED", deletedParts: null },
        new Date("2025-01-01T00:00:00Z"),
      ),
    };
    expect(applyPatch(held, patch!, patch!.files[0]!, new Date("2025-02-01T00:00:00Z"))).toBe(held);
  });

  it("gives no patch for an event that names no file besides its own (WechatPublishComplete)", () => {
    expect(toUploadPatch(normalised(loadFixture("v3/wechat-publish-complete")))).toBeNull();
  });
});
