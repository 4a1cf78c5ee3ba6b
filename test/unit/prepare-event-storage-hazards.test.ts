// ingestEvent's steps before the statement decide whether a body is stored as jsonb or kept as text. A pull or
// replay body is a JS string, not bytes from a socket: it can hold a lone surrogate written as such (not as an
// escape), which only the walk of the parsed body sees; a paired one (an emoji) is storable and must stay jsonb.
// Bodies: the real NewFileUpload of test/fixtures/v3/new-file-upload.json with one name changed.
import { prepareEvent } from "../../src/ingest/ingest-event.js";
import { loadFixture } from "../fixtures/load-fixture.js";

/** The fixture's text with its media name written as `nameText` (raw JSON string content, not escaped again). */
function withName(nameText: string): string {
  const body = loadFixture("v3/new-file-upload") as { FileUploadEvent: { MediaBasicInfo: { Name: string } } };
  body.FileUploadEvent.MediaBasicInfo.Name = "NAME_MARK";
  return JSON.stringify(body).replace("NAME_MARK", nameText);
}

describe("prepareEvent's storage decision", () => {
  test("keeps a pulled body holding a raw lone surrogate as text, and says why", () => {
    // JSON.stringify would escape the lone surrogate; the text must carry it raw, as a JS string can.
    const raw = withName("clip \ud800 one");
    expect(raw.isWellFormed()).toBe(false);
    const prepared = prepareEvent({ raw, channel: "pull" });
    expect(prepared.payloadJson).toBeNull();
    expect(prepared.row.payloadText).toBe(raw);
    expect(prepared.row.error).toBe("payload kept as text: contains a lone surrogate");
  });

  test("stores a body holding a raw emoji (a surrogate pair) as jsonb", () => {
    const raw = withName("clip 😀 one");
    const prepared = prepareEvent({ raw, channel: "push" });
    expect(prepared.payloadJson).toBe(raw);
    expect(prepared.row.payloadText).toBeNull();
    expect(prepared.row.error).toBeNull();
    expect(prepared.row.outcome).toBe("applied");
  });

  test("keeps a body holding an escaped NUL as text", () => {
    const raw = withName("clip \\u0000 one");
    const prepared = prepareEvent({ raw, channel: "push" });
    expect(prepared.payloadJson).toBeNull();
    expect(prepared.row.payloadText).toBe(raw);
    expect(prepared.row.error).toBe("payload kept as text: contains \\u0000");
  });
});
