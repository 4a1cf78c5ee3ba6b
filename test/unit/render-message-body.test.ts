// A notification's body (issue 16 §2): {type, timestamp, data}, data = the status API's Upload JSON of the change's
// snapshot plus previousStatus and sequence. The worker renders a claim's batch with one batchRenderer, which writes
// a change's data once for all its messages: each body must still be exactly what JSON.stringify of the object
// writes, since that text is what is signed, stored and sent on every attempt.
import type { MessageToRender } from "../../src/db/claim-messages.js";
import { batchRenderer, renderMessageBody, uploadRowOfSnapshot } from "../../src/notify/render-message-body.js";
import { uploadStatusJson } from "../../src/uploads/upload-status-json.js";
import { outputRow } from "../support/output-row.js";

// The snapshot as the hot-path statement stores it (to_jsonb of the Upload row: times as text, int8 as numbers).
const snapshot = (sequence: number, status: string) => ({
  id: "upl_a1B2c3D4e5F6g7H8",
  fileId: "5285890784273533167",
  status,
  sourceType: "ServerUpload",
  sourceContext: 'order "1001" — 课程 ✓',
  procedure: "LongVideoPreset",
  procedureTaskId: "1400000000-procedurev2-6e2b1f1e0c2a4a0b",
  mediaUrl: "http://1400000000.vod2.myqcloud.com/d1/5285890784273533167/f0.mp4",
  subAppId: 1500000001,
  metadata: { size: 7700180, duration: 12.5 },
  createdAt: "2026-12-06T08:00:00.000+00:00",
  updatedAt: "2026-12-06T08:00:03.250+00:00",
  uploadedAt: "2026-12-06T08:00:03.250+00:00",
  notifySequence: sequence,
  notifyPrevStatus: "PENDING",
});
const cover = outputRow("cover", 0, {
  url: "http://1400000000.vod2.myqcloud.com/d1/5285890784273533167/cover.jpg",
  receivedAt: "2026-12-06T08:00:03.250Z",
  eventId: 41,
});
const extras = { outputs: [cover], taskStatuses: [] };
const message = (id: number, eventType: string, snap: Record<string, unknown>): MessageToRender => ({
  id: BigInt(id),
  eventType,
  snapshot: snap,
  extras,
  createdAt: new Date("2026-12-06T08:00:03.251Z"),
});
const expected = (m: MessageToRender) => {
  const upload = uploadRowOfSnapshot(m.snapshot as Record<string, unknown>);
  const data = {
    ...uploadStatusJson(upload, m.extras),
    previousStatus: upload.notifyPrevStatus,
    sequence: Number(upload.notifySequence),
  };
  return JSON.stringify({ type: m.eventType, timestamp: m.createdAt.toISOString(), data });
};

test("writes each body of a change exactly as JSON.stringify({type, timestamp, data}) does", () => {
  const render = batchRenderer();
  const change = snapshot(2, "UPLOADED");
  const uploaded = message(1, "upload.uploaded", change);
  const playable = message(2, "upload.playable", { ...change });
  expect(render(uploaded)).toBe(expected(uploaded));
  expect(render(playable)).toBe(expected(playable));
  expect(JSON.parse(render(playable))).toMatchObject({
    type: "upload.playable",
    data: {
      fileId: "5285890784273533167",
      sourceContext: 'order "1001" — 课程 ✓',
      previousStatus: "PENDING",
      sequence: 2,
    },
  });
});

test("gives each change of one upload in a batch its own data", () => {
  const render = batchRenderer();
  const first = message(1, "upload.uploaded", snapshot(2, "UPLOADED"));
  const later = message(3, "upload.processed", { ...snapshot(3, "PROCESSED"), notifyPrevStatus: "UPLOADED" });
  expect(render(first)).toBe(expected(first));
  expect(render(later)).toBe(expected(later));
  expect((JSON.parse(render(later)) as { data: { status: string } }).data.status).toBe("PROCESSED");
});

test("renders one message alone the same way, and refuses one with neither body nor snapshot", () => {
  const one = message(1, "upload.uploaded", snapshot(2, "UPLOADED"));
  expect(renderMessageBody(one)).toBe(expected(one));
  expect(() => renderMessageBody({ ...one, snapshot: null })).toThrow("neither a body nor a snapshot");
});
