// Outputs grouped for a player (src/uploads/group-outputs.ts): the cover's precedence, each kind in its list by
// template id, and `details` values of the wrong type left out. Shapes: docs/vod-events.md §11.2.
import { groupOutputs, type OutputsSource } from "../../src/uploads/group-outputs.js";
import type { OutputRow } from "../../src/uploads/output-row.js";
import { outputRow } from "../support/output-row.js";

const upload: OutputsSource = {
  status: "PROCESSED",
  mediaUrl: "https://x/q1BORBPQH1IA.mp4",
  mediaType: "mp4",
  coverUrl: "https://x/upload-cover.jpg",
};

const row = (kind: string, definition: number, fields: Partial<OutputRow> = {}): OutputRow =>
  outputRow(kind, definition, { taskId: "t1", ...fields });

describe("coverUrl", () => {
  test("is the cover subtask's over the one the upload came with", () => {
    const outputs = [row("cover", 10, { url: "https://x/coverBySnapshot_10_0.jpg" })];
    expect(groupOutputs(upload, outputs).coverUrl).toBe("https://x/coverBySnapshot_10_0.jpg");
  });

  test("is the upload's when no cover subtask gave a URL", () => {
    expect(groupOutputs(upload, [row("cover", 10, { url: null })]).coverUrl).toBe("https://x/upload-cover.jpg");
    expect(groupOutputs({ ...upload, coverUrl: null }, []).coverUrl).toBeNull();
  });

  test("is the cover finished last, else the one that arrived last", () => {
    const finished = [
      row("cover", 10, { url: "https://x/late.jpg", finishedAt: "2026-11-30T10:00:00.000Z", eventId: 1 }),
      row("cover", 20, { url: "https://x/early.jpg", finishedAt: "2026-11-30T09:00:00.000Z", eventId: 2 }),
    ];
    expect(groupOutputs(upload, finished).coverUrl).toBe("https://x/late.jpg");
    const arrived = [
      row("cover", 10, { url: "https://x/second.jpg", eventId: 7 }),
      row("cover", 20, { url: "https://x/first.jpg", eventId: 3 }),
    ];
    expect(groupOutputs(upload, arrived).coverUrl).toBe("https://x/second.jpg");
  });
});

test("lists each kind by template id and leaves other kinds out", () => {
  const grouped = groupOutputs(upload, [
    row("transcode", 100030, { url: "https://x/v.f100030.mp4" }),
    row("transcode", 100010, { url: "https://x/v.f100010.mp4" }),
    row("sampleSnapshot", 5, { details: { imageUrlSet: ["https://x/s1.jpg"] } }),
    row("snapshot", 10, { details: { picInfoSet: [{ timeOffset: 3, url: "https://x/p1.jpg" }] } }),
    row("other", 1, { url: "https://x/other" }),
  ]);
  expect(grouped.renditions.map((r) => r.definition)).toEqual([100010, 100030]);
  expect(grouped.snapshots).toEqual([
    {
      kind: "snapshot",
      definition: 10,
      images: [{ timeOffset: 3, url: "https://x/p1.jpg" }],
      taskId: "t1",
      finishedAt: null,
    },
    {
      kind: "sampleSnapshot",
      definition: 5,
      images: [{ timeOffset: null, url: "https://x/s1.jpg" }],
      taskId: "t1",
      finishedAt: null,
    },
  ]);
  expect(JSON.stringify(grouped)).not.toContain("https://x/other");
});

test("answers an adaptive stream's package in upper case and no DRM as null", () => {
  const [stream] = groupOutputs(upload, [
    row("adaptive", 10, { url: "https://x/adp.10.m3u8", drmType: "", details: { package: "hls" } }),
  ]).adaptive;
  expect(stream).toEqual({
    definition: 10,
    package: "HLS",
    drmType: null,
    url: "https://x/adp.10.m3u8",
    taskId: "t1",
    finishedAt: null,
  });
});

test("leaves out details of the wrong type instead of answering them", () => {
  const grouped = groupOutputs(upload, [
    row("sprite", 10, { details: { imageUrlSet: ["https://x/sprite.jpg", 7, null, ""], webVttUrl: 42 } }),
    row("snapshot", 10, { details: { picInfoSet: [{ timeOffset: "3", url: "https://x/p.jpg" }, { url: 5 }, "x"] } }),
    row("sampleSnapshot", 10, { details: { imageUrlSet: "https://x/not-a-list.jpg" } }),
  ]);
  expect(grouped.sprites).toEqual([
    { definition: 10, imageUrls: ["https://x/sprite.jpg"], webVttUrl: null, taskId: "t1", finishedAt: null },
  ]);
  expect(grouped.snapshots.map((s) => s.images)).toEqual([[{ timeOffset: null, url: "https://x/p.jpg" }], []]);
});
