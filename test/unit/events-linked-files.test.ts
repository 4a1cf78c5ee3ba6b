// Events that name files below their first level: EditMediaComplete and ComposeMediaComplete (Tencent's pages,
// verbatim: fixtures v3/edit-media-complete, v3/compose-media-complete — the compose output FileId a bare 19-digit
// JSON number), WechatPublishComplete (Tencent's page: v3/wechat-publish-complete) and types we do not interpret.
// Bodies are normalised from their text, as ingestEvent receives them, so a FileId above 2^53 keeps its digits.
import { readFileSync } from "node:fs";
import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

const textOf = (name: string) => readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8");

function fromText(raw: string, withText = true): VodEvent {
  const result = normaliseEvent(JSON.parse(raw), withText ? raw : undefined);
  if (!result.ok) throw new Error(`not an event: ${JSON.stringify(result.issues)}`);
  return result.event;
}

const fromBody = (body: Json) => fromText(JSON.stringify(body));

const EDIT_INPUTS = ["24961954183381008", "24961954183381009", "24961954183381010"];
const COMPOSE_INPUTS = ["5285485487985271487", "5285485487985271488", "5285485487985271489"];

describe("EditMediaComplete and ComposeMediaComplete", () => {
  it("make the successful edit's output an upload of its own, derived from and linked to its inputs", () => {
    expect(fromText(textOf("v3/edit-media-complete"))).toMatchObject({
      kind: "upload",
      eventType: "EditMediaComplete",
      fileId: "24961954183923290",
      mediaUrl: "http://125676836723.vod2.myqcloud.com/xxx/xxx/f0.mp4",
      mediaType: "mp4",
      procedureTaskId: null,
      derivedFrom: EDIT_INPUTS,
      linkedFileIds: EDIT_INPUTS,
      task: {
        taskId: "1256768367-EditMedia-f5ac8127b3b6b85cdc13f237c6005d8",
        kind: "EditMedia",
        status: "FINISH",
        failed: false,
      },
    });
  });

  it("read the compose output FileId sent as a bare JSON number from the text, with every digit", () => {
    const event = fromText(textOf("v3/compose-media-complete"));
    expect(event).toMatchObject({
      kind: "upload",
      fileId: "5285485487985271490",
      derivedFrom: COMPOSE_INPUTS,
      linkedFileIds: COMPOSE_INPUTS,
      task: { kind: "ComposeMedia" },
    });
  });

  it("without the text, never name the compose output by its rounded value: it stays a linked 'other' event", () => {
    const event = fromText(textOf("v3/compose-media-complete"), false);
    expect(event).toEqual({
      kind: "other",
      eventType: "ComposeMediaComplete",
      format: "v3",
      fileId: null,
      linkedFileIds: COMPOSE_INPUTS,
    });
  });

  it("do not trust digits written as JavaScript writes the rounded number (a parsed body written out again)", () => {
    const rewritten = JSON.stringify(JSON.parse(textOf("v3/compose-media-complete")));
    expect(rewritten).toContain('"FileId":5285485487985272000');
    expect(fromText(rewritten)).toMatchObject({ kind: "other", fileId: null });
  });

  it("read SourceMedia on a track item and inside its VideoItem, AudioItem and StickerItem (SDK MediaTrackItem)", () => {
    const body = loadFixture("v3/compose-media-complete") as Json;
    const compose = body.ComposeMediaCompleteEvent;
    compose.Output.FileId = "5285485487985271499";
    compose.Input.Tracks.push({
      Type: "Sticker",
      TrackItems: [
        { Type: "Sticker", StickerItem: { SourceMedia: "5285485487985271500" } },
        { Type: "Video", VideoItem: { SourceMedia: "https://example.com/not-a-file-id.mp4" } },
      ],
    });
    expect(fromBody(body)).toMatchObject({ derivedFrom: [...COMPOSE_INPUTS, "5285485487985271500"] });
  });

  it("turn a failed edit into an 'other' event linked to every input it names", () => {
    const body = loadFixture("v3/edit-media-complete") as Json;
    Object.assign(body.EditMediaCompleteEvent, { ErrCode: 10010, Message: "source file error", Output: null });
    expect(fromBody(body)).toEqual({
      kind: "other",
      eventType: "EditMediaComplete",
      format: "v3",
      fileId: null,
      linkedFileIds: EDIT_INPUTS,
    });
  });

  it.each<[string, (event: Json) => void]>([
    ["a non-zero ErrCode", (event) => (event.ErrCode = 70000)],
    ["a non-empty ErrCodeExt", (event) => (event.ErrCodeExt = "InternalError")],
    ["Status PROCESSING", (event) => (event.Status = "PROCESSING")],
    ["no output FileId", (event) => delete event.Output.FileId],
  ])("do not make an upload of an edit with %s", (_, patch) => {
    const body = loadFixture("v3/edit-media-complete") as Json;
    patch(body.EditMediaCompleteEvent);
    expect(fromBody(body)).toMatchObject({ kind: "other", linkedFileIds: expect.arrayContaining(EDIT_INPUTS) });
  });

  it("read the member the older English page names EditMediaComplete, and the task's session fields", () => {
    const body = loadFixture("v3/edit-media-complete") as Json;
    body.EditMediaComplete = { ...body.EditMediaCompleteEvent, SessionContext: "ctx-1", SessionId: "sid-1" };
    delete body.EditMediaCompleteEvent;
    expect(fromBody(body)).toMatchObject({
      kind: "upload",
      fileId: "24961954183923290",
      sessionContext: "ctx-1",
      sessionId: "sid-1",
    });
  });
});

describe("events of other types", () => {
  it("file a WechatPublishComplete under its FileId, with nothing else to link", () => {
    expect(fromText(textOf("v3/wechat-publish-complete"))).toEqual({
      kind: "other",
      eventType: "WechatPublishComplete",
      format: "v3",
      fileId: "24961954183381008",
    });
  });

  it("link a type VOD adds later to every FileId it names at any depth, in any of its spellings, once", () => {
    const raw = `{"EventType":"SplitMediaComplete","SplitMediaCompleteEvent":{"TaskId":"t","FileInfoSet":[
      {"Input":{"FileId":"1001"},"Output":{"FileId":9007199254740993}},
      {"Input":{"SrcFileId":"1001"},"Output":{"fileId":1003}},
      {"Deep":{"FileIdSet":["1004", 1005, "", null, {"x": 1}]}}]}}`;
    expect(fromText(raw)).toEqual({
      kind: "other",
      eventType: "SplitMediaComplete",
      format: "v3",
      fileId: null,
      linkedFileIds: ["1001", "9007199254740993", "1003", "1004", "1005"],
    });
  });

  it("link a 2017-format event the same way, its own fileId excepted", () => {
    const body = {
      version: "4.0",
      eventType: "ConcatComplete",
      data: { fileId: "2001", fileInfo: [{ fileId: "2002" }, { fileId: "2001" }], srcFileId: "2003" },
    };
    const event = fromBody(body);
    expect({ ...event, linkedFileIds: event.linkedFileIds?.sort() }).toEqual({
      kind: "other",
      eventType: "ConcatComplete",
      format: "legacy",
      fileId: "2001",
      linkedFileIds: ["2002", "2003"],
    });
  });

  it("name no FileId when two different numbers in the text round to the same value, nor read digits in strings", () => {
    const raw = `{"EventType":"X","XEvent":{"A":{"FileId":9007199254740993},"Note":"9007199254740992",
      "B":{"FileId":18014398509481985},"C":{"FileId":18014398509481983},"D":{"FileId":36028797018963971},
      "E":{"FileId":3.6028797018963971e16}}}`;
    expect(fromText(raw)).toMatchObject({ linkedFileIds: ["9007199254740993"] });
  });

  it("walk a body nested far deeper than the call stack without failing", () => {
    let deep: unknown = { FileId: "3001" };
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    const result = normaliseEvent({ EventType: "Deep", DeepEvent: { FileId: "3000", deep } });
    expect(result).toEqual({
      ok: true,
      event: { kind: "other", eventType: "Deep", format: "v3", fileId: "3000" },
    });
  });
});
