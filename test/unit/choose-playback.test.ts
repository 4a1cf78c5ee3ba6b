// The URL a player should use (src/uploads/choose-playback.ts), table-driven: adaptive HLS > DASH > the best
// transcode > the source; none while PENDING or once DELETED. Output shapes: docs/vod-events.md §11.2.
import { choosePlayback, type Playback, type PlaybackSource } from "../../src/uploads/choose-playback.js";
import type { OutputRow } from "../../src/uploads/output-row.js";
import { outputRow } from "../support/output-row.js";

const base = "https://1256768367.vod2.myqcloud.com/ee2c0b58vodtranscq1256768367/5285890784273533167";
const source: PlaybackSource = { status: "PROCESSED", mediaUrl: `${base}/q1BORBPQH1IA.mp4`, mediaType: "mp4" };

let eventId = 0;
const output = (kind: string, definition: number, fields: Partial<OutputRow> = {}): OutputRow =>
  outputRow(kind, definition, {
    url: `${base}/${kind}.${definition}`,
    taskId: "1256768367-procedurev2-t1",
    eventId: (eventId += 1),
    ...fields,
  });
const hls = (definition: number, fields: Partial<OutputRow> = {}) =>
  output("adaptive", definition, { url: `${base}/adp.${definition}.m3u8`, details: { package: "HLS" }, ...fields });
const dash = (definition: number) =>
  output("adaptive", definition, { url: `${base}/adp.${definition}.mpd`, details: { package: "DASH" } });
const transcode = (definition: number, height: number, bitrate: number, container = "mov,mp4,m4a,3gp,3g2,mj2") =>
  output("transcode", definition, { url: `${base}/v.f${definition}.mp4`, height, bitrate, container });

const cases: Array<[string, PlaybackSource, OutputRow[], Partial<Playback> | null]> = [
  ["the source file when VOD made nothing", source, [], { kind: "source", url: source.mediaUrl!, format: "mp4" }],
  [
    "an HLS stream over transcodes and DASH",
    source,
    [transcode(100030, 720, 1_500_000), dash(20), hls(10)],
    { kind: "adaptive", url: `${base}/adp.10.m3u8`, format: "hls", definition: 10 },
  ],
  ["the lowest HLS template id", source, [hls(30), hls(12), hls(20)], { definition: 12 }],
  [
    "an HLS stream without DRM over a lower one with DRM",
    source,
    [hls(10, { drmType: "SimpleAES" }), hls(20, { drmType: "" })],
    { definition: 20 },
  ],
  ["an HLS stream with DRM when it is the only one", source, [hls(10, { drmType: "FairPlay" })], { definition: 10 }],
  [
    "the package however VOD cased it (hls in its guide)",
    source,
    [dash(10), hls(20, { details: { package: "hls" } })],
    { definition: 20, format: "hls" },
  ],
  ["DASH over transcodes", source, [transcode(100030, 720, 1_500_000), dash(20)], { kind: "adaptive", format: "dash" }],
  [
    "the tallest transcode, then the highest bitrate",
    source,
    [transcode(100010, 360, 400_000), transcode(100040, 720, 900_000), transcode(100030, 720, 1_500_000)],
    { kind: "transcode", definition: 100030, format: "mp4", url: `${base}/v.f100030.mp4` },
  ],
  [
    "a transcode's format from its URL, else its container",
    source,
    [output("transcode", 220, { url: `${base}/v.f220.av.m3u8`, container: "hls", height: 480 })],
    { format: "hls" },
  ],
  [
    "the container when the URL has no extension",
    source,
    [output("transcode", 30, { url: `${base}/f30`, container: "flv", height: 720 })],
    { format: "flv" },
  ],
  [
    "no candidate without a URL",
    source,
    [hls(10, { url: null }), output("transcode", 20, { url: "" })],
    { kind: "source" },
  ],
  [
    "nothing of other kinds",
    source,
    [output("cover", 10), output("sprite", 10), output("snapshot", 10)],
    { kind: "source" },
  ],
  [
    "the media type when the source URL has no extension",
    { ...source, mediaUrl: `${base}/media` },
    [],
    { format: "mp4" },
  ],
  ["none when nothing has a URL", { ...source, mediaUrl: null }, [output("cover", 10)], null],
  ["none once DELETED, whatever outputs remain", { ...source, status: "DELETED" }, [hls(10)], null],
  ["none while PENDING", { ...source, status: "PENDING" }, [transcode(10, 360, 1)], null],
  ["a stream while UPLOADED, PROCESSING or FAILED", { ...source, status: "FAILED" }, [hls(10)], { kind: "adaptive" }],
];

test.each(cases)("chooses %s", (_name, upload, outputs, expected) => {
  const playback = choosePlayback(upload, outputs);
  if (expected === null) expect(playback).toBeNull();
  else expect(playback).toEqual(expect.objectContaining(expected));
});

test("the choice does not depend on the order of the outputs", () => {
  const outputs = [transcode(100030, 720, 1_500_000), dash(20), hls(30), hls(10, { drmType: "SimpleAES" }), hls(12)];
  const chosen = choosePlayback(source, outputs);
  for (let shift = 1; shift < outputs.length; shift += 1) {
    const turned = [...outputs.slice(shift), ...outputs.slice(0, shift)];
    expect(choosePlayback(source, turned)).toEqual(chosen);
    expect(choosePlayback(source, [...turned].reverse())).toEqual(chosen);
  }
  expect(chosen).toEqual({ url: `${base}/adp.12.m3u8`, kind: "adaptive", format: "hls", definition: 12 });
});
