// The callback body goes into the statement as the bytes it arrived in (record-events-param.ts, issue 13): what is
// stored must be what the service decoded, whatever those bytes hold — non-Latin-1 text, a byte-order mark, bytes
// that are not UTF-8 — alone or in one group with other callbacks.
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const postBytes = (bytes: Buffer) =>
  request(t.app)
    .post(t.callbackPath)
    .set("Content-Type", "application/json")
    // As they are: superagent would write a Buffer as JSON (its type says string; node's request takes bytes).
    .serialize((bytes: Buffer) => bytes as unknown as string)
    .send(bytes);
const eventOf = (fileId: string) => t.db.prisma.vodEvent.findFirstOrThrow({ where: { fileId } });
/** The stored raw event: its text, and that text parsed. */
const storedBody = async (fileId: string) => {
  const { payloadText } = await eventOf(fileId);
  return { text: payloadText, body: JSON.parse(payloadText ?? "null") as unknown };
};
const uploadOf = (fileId: string) => t.db.prisma.upload.findUniqueOrThrow({ where: { fileId } });

function uploadWithName(name: string) {
  const body = v3NewFileUpload();
  body.FileUploadEvent.MediaBasicInfo.Name = name;
  return body;
}

describe("POST /callbacks/vod stores the body's bytes as the service read them", () => {
  test("keeps Chinese and emoji text of the body exactly, in the raw event and the upload", async () => {
    const body = uploadWithName("演示视频 🎬 — été");
    const fileId = body.FileUploadEvent.FileId;
    const response = await postBytes(Buffer.from(JSON.stringify(body)));
    expect(response.body).toEqual({ outcome: "applied", fileId, status: "UPLOADED" });
    expect(await storedBody(fileId)).toEqual({ text: JSON.stringify(body), body });
    expect((await uploadOf(fileId)).name).toBe("演示视频 🎬 — été");
  });

  test("leaves a UTF-8 byte-order mark out of the stored event", async () => {
    const body = uploadWithName("bom");
    const fileId = body.FileUploadEvent.FileId;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(body))]);
    expect((await postBytes(bytes)).status).toBe(200);
    expect(await storedBody(fileId)).toEqual({ text: JSON.stringify(body), body });
  });

  test("stores bytes that are not UTF-8 inside a string as the replacement character the service decoded", async () => {
    const body = uploadWithName("NAME");
    const fileId = body.FileUploadEvent.FileId;
    const text = JSON.stringify(body);
    const at = text.indexOf("NAME");
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, at)),
      Buffer.from([0xff, 0xc3]),
      Buffer.from(text.slice(at + 4)),
    ]);
    const response = await postBytes(bytes);
    expect(response.body).toEqual({ outcome: "applied", fileId, status: "UPLOADED" });
    expect((await uploadOf(fileId)).name).toBe("\ufffd\ufffd");
    expect(await storedBody(fileId)).toEqual({
      text: JSON.stringify(body).replace("NAME", "\ufffd\ufffd"),
      body: expect.objectContaining({
        FileUploadEvent: expect.objectContaining({ MediaBasicInfo: expect.objectContaining({ Name: "\ufffd\ufffd" }) }),
      }),
    });
  });

  test("stores a group of concurrent callbacks mixing all three, each with its own body", async () => {
    const bodies = Array.from({ length: 24 }, (_, n) => uploadWithName(n % 2 ? `视频 ${n}` : `plain ${n}`));
    const answers = await Promise.all(
      bodies.map((body, n) => {
        const bytes = Buffer.from(JSON.stringify(body));
        return postBytes(n % 3 === 0 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes);
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 200));
    for (const body of bodies)
      expect(await storedBody(body.FileUploadEvent.FileId)).toEqual({ text: JSON.stringify(body), body });
  });
});
