// DescribeMediaInfos: up to 20 FileIds; unknown, deleted or other-application files go to NotExistFileIdSet rather
// than failing the call (SDK DescribeMediaInfosResponse). Filters, when given, limit which infos are returned
// (SDK DescribeMediaInfosRequest: basicInfo, metaData, transcodeInfo, adaptiveDynamicStreamingInfo, …); the
// processing results come from media-process-infos.ts, and BasicInfo.CoverUrl is the task flow's cover once made.
import { z } from "zod";
import type { MediaRecord } from "../../emulator-state.js";
import { mediaBasicInfo } from "../../events/media-basic-info.js";
import { mediaMetaData } from "../../events/media-meta-data.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { mediaProcessInfos } from "./media-process-infos.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const describeMediaInfosParams = z.strictObject({
  FileIds: z.array(z.string()).min(1).max(20),
  SubAppId: subAppIdParam,
  Filters: z.array(z.string()).optional(),
});

export const describeMediaInfos: ActionHandler = (body, { state }) => {
  const params = readParams(describeMediaInfosParams, body);
  const subAppId = subAppIdOf(params.SubAppId, state.appId);
  const wanted = (info: string) => !params.Filters?.length || params.Filters.includes(info);
  const found: MediaRecord[] = [];
  const missing: string[] = [];
  for (const fileId of params.FileIds) {
    const media = state.media.get(fileId);
    if (media && !media.deleted && media.subAppId === subAppId) found.push(media);
    else missing.push(fileId);
  }
  return {
    MediaInfoSet: found.map((media) => ({
      FileId: media.fileId,
      BasicInfo: wanted("basicInfo") ? mediaBasicInfo(media) : null,
      MetaData: wanted("metaData") ? mediaMetaData(media) : null,
      ...mediaProcessInfos(state, media, wanted),
    })),
    NotExistFileIdSet: missing,
  };
};
