// What VOD knows of some files now: DescribeMediaInfos, up to 20 FileIds a call (SDK DescribeMediaInfosRequest).
// A FileId in NotExistFileIdSet maps to null: it never existed, was deleted, or belongs to another sub-application
// (so the SubAppId asked with must be the upload's). A FileId VOD leaves out of both lists stays absent: unknown.
// Asked for: basicInfo and metaData (what a NewFileUpload carries) and every info that lists outputs of a task flow
// (reconcile records those we lack, media-info-repair.ts); not the review, subtitle or AI infos.
import { callVod } from "./call-vod.js";
import type { VodClient } from "./client.js";

export type VodMediaInfo = NonNullable<Awaited<ReturnType<VodClient["DescribeMediaInfos"]>>["MediaInfoSet"]>[number];

const FILE_IDS_PER_CALL = 20;
export const MEDIA_INFO_FILTERS = [
  "basicInfo",
  "metaData",
  "transcodeInfo",
  "adaptiveDynamicStreamingInfo",
  "snapshotByTimeOffsetInfo",
  "imageSpriteInfo",
  "sampleSnapshotInfo",
  "animatedGraphicsInfo",
];

export async function findVodMedia(
  vod: Pick<VodClient, "DescribeMediaInfos">,
  fileIds: readonly string[],
  subAppId: number | undefined,
): Promise<Map<string, VodMediaInfo | null>> {
  const known = new Map<string, VodMediaInfo | null>();
  for (let start = 0; start < fileIds.length; start += FILE_IDS_PER_CALL) {
    const chunk = fileIds.slice(start, start + FILE_IDS_PER_CALL);
    const answer = await callVod(
      "DescribeMediaInfos",
      () =>
        vod.DescribeMediaInfos({
          FileIds: chunk,
          Filters: MEDIA_INFO_FILTERS,
          ...(subAppId ? { SubAppId: subAppId } : {}),
        }),
      { idempotent: true },
    );
    for (const info of answer.MediaInfoSet ?? []) if (info.FileId) known.set(info.FileId, info);
    for (const fileId of answer.NotExistFileIdSet ?? []) known.set(fileId, null);
  }
  return known;
}
