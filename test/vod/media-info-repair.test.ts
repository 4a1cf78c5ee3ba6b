// Reconcile's outputs repair on VOD's own answer: the unchanged SDK asks the emulator's DescribeMediaInfos (shapes:
// SDK vod_models MediaInfo and its item models MediaTranscodeItem, AdaptiveDynamicStreamingInfoItem,
// MediaSnapshotByTimeOffsetItem, MediaSampleSnapshotItem, MediaImageSpriteItem; docs/vod-events.md §11.2, §11.6),
// and the answer becomes the ReconcileMediaInfo body and, through its normaliser, the outputs it carries. The
// status rule then proves the event moves no status.
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { normaliseMediaInfoReconcile } from "../../src/events/v3/normalise-media-info-reconcile.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { applyEvent } from "../../src/uploads/apply-event.js";
import type { UploadState } from "../../src/uploads/upload-state.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { findVodMedia, MEDIA_INFO_FILTERS, type VodMediaInfo } from "../../src/vod/find-vod-media.js";
import { mediaInfoRepair } from "../../src/vod/media-info-repair.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";

const credentials = { secretId: "AKIDmediaInfoRepair00000000000000", secretKey: "mediaInfoRepairSecretKey00000000" };
let emulator: EmulatorHandle;
let client: VodClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 30 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(() => emulator.close());

/** A file whose task flow finished at VOD, and what DescribeMediaInfos answers for it with reconcile's filters. */
async function processedMedia(): Promise<{ fileId: string; media: VodMediaInfo }> {
  const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
  const taskId = emulator.state.media.get(fileId)!.procedureTaskId;
  await waitUntil(() => emulator.state.tasks.get(taskId)?.finished);
  const media = (await findVodMedia(client, [fileId], undefined)).get(fileId);
  if (!media) throw new Error("DescribeMediaInfos did not describe the file");
  return { fileId, media };
}

function normalised(body: Record<string, unknown>): VodEvent {
  const parsed = normaliseMediaInfoReconcile(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

describe("the ReconcileMediaInfo repair", () => {
  test("carries VOD's MediaInfo as answered and reads every output kind from it, with the cover as the upload's", async () => {
    const { fileId, media } = await processedMedia();
    const body = mediaInfoRepair(fileId, media, [])!;
    expect(body).toEqual({
      EventType: "ReconcileMediaInfo",
      Reconcile: { from: "DescribeMediaInfos" },
      ReconcileMediaInfoEvent: { FileId: fileId, MediaInfo: media },
    });
    const event = normalised(JSON.parse(JSON.stringify(body)));
    expect(event).toMatchObject({
      kind: "upload",
      eventType: "ReconcileMediaInfo",
      format: "v3",
      fileId,
      procedureTaskId: null,
      mediaUrl: media.BasicInfo!.MediaUrl,
      coverUrl: media.BasicInfo!.CoverUrl,
      metadata: {},
    });
    const outputs = event.outputs!;
    const transcodes = media.TranscodeInfo!.TranscodeSet;
    expect(outputs.filter((output) => output.kind === "transcode")).toEqual(
      transcodes.map((item) =>
        expect.objectContaining({
          definition: item.Definition,
          url: item.Url,
          container: item.Container,
          width: item.Width,
          height: item.Height,
          bitrate: item.Bitrate,
          size: item.Size,
          duration: item.Duration,
          md5: item.Md5,
          taskId: null,
          finishedAt: null,
        }),
      ),
    );
    const [stream] = media.AdaptiveDynamicStreamingInfo!.AdaptiveDynamicStreamingSet;
    expect(outputs.filter((output) => output.kind === "adaptive")).toEqual([
      expect.objectContaining({ definition: stream!.Definition, url: stream!.Url, details: { package: "HLS" } }),
    ]);
    const [snapshots] = media.SnapshotByTimeOffsetInfo!.SnapshotByTimeOffsetSet;
    expect(outputs.find((output) => output.kind === "snapshot")?.details).toEqual({
      picInfoSet: snapshots!.PicInfoSet!.map((pic) => ({ timeOffset: pic.TimeOffset, url: pic.Url })),
    });
    const [samples] = media.SampleSnapshotInfo!.SampleSnapshotSet;
    expect(outputs.find((output) => output.kind === "sampleSnapshot")?.details).toMatchObject({
      imageUrlSet: samples!.ImageUrlSet,
    });
    const [sprite] = media.ImageSpriteInfo!.ImageSpriteSet;
    expect(outputs.find((output) => output.kind === "sprite")).toMatchObject({
      definition: sprite!.Definition,
      details: { imageUrlSet: sprite!.ImageUrlSet, webVttUrl: sprite!.WebVttUrl },
    });
    expect(outputs.map((output) => output.kind).sort()).toEqual(
      ["adaptive", "sampleSnapshot", "snapshot", "sprite", "transcode", "transcode", "transcode"].sort(),
    );
  });

  test("is nothing to record when every output VOD lists is held, and names a rendition we lack", async () => {
    const { fileId, media } = await processedMedia();
    const all = normalised(mediaInfoRepair(fileId, media, [])!).outputs!;
    expect(mediaInfoRepair(fileId, media, all)).toBeNull();
    const lackingOne = all.filter((output) => output.definition !== 100020);
    expect(mediaInfoRepair(fileId, media, lackingOne)?.ReconcileMediaInfoEvent.FileId).toBe(fileId);
    // A held output under another URL is not VOD's: VOD's is recorded.
    const moved = all.map((output) =>
      output.kind === "adaptive" ? { ...output, url: "https://old/adp.m3u8" } : output,
    );
    expect(mediaInfoRepair(fileId, media, moved)).not.toBeNull();
  });

  test("is nothing to record for a file whose task flow made nothing yet", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const media = (await findVodMedia(client, [fileId], undefined)).get(fileId)!;
    expect(media.TranscodeInfo).toBeNull();
    expect(mediaInfoRepair(fileId, media, [])).toBeNull();
  });

  test("makes the same body, so the same dedupe key, from the same answer: a repeated reconcile is a duplicate", async () => {
    const { fileId, media } = await processedMedia();
    const again = (await findVodMedia(client, [fileId], undefined)).get(fileId)!;
    const first = JSON.parse(JSON.stringify(mediaInfoRepair(fileId, media, [])));
    const second = JSON.parse(JSON.stringify(mediaInfoRepair(fileId, again, [])));
    expect(dedupeKey(second)).toBe(dedupeKey(first));
  });

  test("leaves out TranscodeSet's Definition 0, the original file, which is the upload's own media URL", async () => {
    // MediaTranscodeItem.Definition: "取值 0 表示原始文件" (SDK vod_models); VOD lists the original there.
    const { fileId, media } = await processedMedia();
    const original = { Definition: 0, Url: media.BasicInfo!.MediaUrl, Container: "mov,mp4,m4a,3gp,3g2,mj2" };
    const withOriginal = {
      ...media,
      TranscodeInfo: { TranscodeSet: [original, ...media.TranscodeInfo!.TranscodeSet] },
    };
    const outputs = normalised(mediaInfoRepair(fileId, withOriginal, [])!).outputs!;
    expect(outputs.filter((output) => output.kind === "transcode").map((output) => output.definition)).toEqual([
      100010, 100020, 100030,
    ]);
  });

  test("changes the status of no upload we hold, and makes an unknown FileId an UPLOADED row", async () => {
    const { fileId, media } = await processedMedia();
    const event = normalised(mediaInfoRepair(fileId, media, [])!);
    const at = { fileId, receivedAt: new Date() };
    const created = applyEvent(null, event, at);
    expect(created).toMatchObject({ status: "UPLOADED", fileId, coverUrl: media.BasicInfo!.CoverUrl });
    for (const status of ["UPLOADED", "PROCESSING", "PROCESSED", "FAILED", "DELETED"] as const) {
      const held: UploadState = {
        ...created,
        status,
        procedureTaskId: "task-1",
        procedureStatus: status === "UPLOADED" ? null : status === "PROCESSING" ? "PROCESSING" : "FINISH",
        procedureErrCode: status === "FAILED" ? 30009 : 0,
        metadata: { size: 1234 },
      };
      expect(applyEvent(held, event, at)).toMatchObject({
        status,
        procedureTaskId: "task-1",
        procedureStatus: held.procedureStatus,
        procedureErrCode: held.procedureErrCode,
        metadata: { size: 1234 },
      });
    }
  });
});

describe("DescribeMediaInfos for reconcile", () => {
  test("asks at most 20 FileIds a call, with the filters of every output kind", async () => {
    const calls: Array<{ FileIds: string[]; Filters?: string[] }> = [];
    const counting = {
      DescribeMediaInfos: (request: { FileIds: string[]; Filters?: string[] }) => {
        calls.push(request);
        return client.DescribeMediaInfos(request);
      },
    } as Pick<VodClient, "DescribeMediaInfos">;
    const fileIds = Array.from({ length: 45 }, (_, index) => String(5100000000000000000n + BigInt(index)));
    const known = await findVodMedia(counting, fileIds, undefined);
    expect(calls.map((call) => call.FileIds.length)).toEqual([20, 20, 5]);
    expect(calls.flatMap((call) => call.FileIds)).toEqual(fileIds);
    expect([...known.values()].every((media) => media === null)).toBe(true);
    expect(MEDIA_INFO_FILTERS).toEqual(
      expect.arrayContaining([
        "basicInfo",
        "metaData",
        "transcodeInfo",
        "adaptiveDynamicStreamingInfo",
        "snapshotByTimeOffsetInfo",
        "imageSpriteInfo",
        "sampleSnapshotInfo",
        "animatedGraphicsInfo",
      ]),
    );
    for (const call of calls) expect(call.Filters).toEqual(MEDIA_INFO_FILTERS);
  });
});
