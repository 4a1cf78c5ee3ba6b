// DeleteMedia: without DeleteParts the whole media goes (it disappears from DescribeMediaInfos and its COS objects
// are removed); with DeleteParts only those parts go. Either way FileDeleted is raised (when its switch is ON).
// An unknown or already deleted FileId is ResourceNotFound, the code in DeleteMedia's Go SDK error list.
import { z } from "zod";
import { fileDeletedEvent } from "../../events/file-deleted-event.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const PART_TYPES = [
  "OriginalFiles",
  "TranscodeFiles",
  "AdaptiveDynamicStreamingFiles",
  "WechatPublishFiles",
  "WechatMiniProgramPublishFiles",
] as const;

const deleteMediaParams = z.strictObject({
  FileId: z.string(),
  SubAppId: subAppIdParam,
  DeleteParts: z.array(z.strictObject({ Type: z.enum(PART_TYPES), Definition: z.int().min(0).optional() })).optional(),
});

export const deleteMedia: ActionHandler = (body, { state, events }) => {
  const params = readParams(deleteMediaParams, body);
  const media = state.media.get(params.FileId);
  if (!media || media.deleted || media.subAppId !== subAppIdOf(params.SubAppId, state.appId)) {
    throw new ApiError("ResourceNotFound", `FileId ${params.FileId} does not exist.`);
  }
  const parts = (params.DeleteParts ?? []).map((part) => ({ Type: part.Type, Definition: part.Definition ?? 0 }));
  if (parts.length === 0) {
    media.deleted = true;
    for (const path of media.objectPaths) state.objects.delete(path);
  } else {
    media.deletedParts.push(...parts);
  }
  state.timers.after(0, () => events.emit(fileDeletedEvent(media.subAppId, media.fileId, parts)));
  return {};
};
