// CommitUpload (vod-reference §6.4): turns an upload session into media (commitUploadSession). A VodSessionKey
// works once (InvalidParameterValue.VodSessionKey afterwards). The media bytes must have reached the COS endpoint at
// MediaStoragePath, else ResourceNotFound (a code of CommitUpload's list in the Go SDK); a missing cover is
// tolerated and gives CoverUrl "".
import { z } from "zod";
import { commitUploadSession } from "../../uploads/commit-upload-session.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const commitUploadParams = z.strictObject({ VodSessionKey: z.string(), SubAppId: subAppIdParam });

export const commitUpload: ActionHandler = (body, { state, events }) => {
  const params = readParams(commitUploadParams, body);
  const session = state.sessions.get(params.VodSessionKey);
  if (!session || session.committed || session.subAppId !== subAppIdOf(params.SubAppId, state.appId)) {
    throw new ApiError("InvalidParameterValue.VodSessionKey", "VodSessionKey is unknown or was already committed.");
  }
  const object = state.objects.get(session.mediaStoragePath);
  if (!object) {
    throw new ApiError("ResourceNotFound", `No media was uploaded to COS at ${session.mediaStoragePath}.`);
  }
  const media = commitUploadSession(state, events, session, object);
  return { FileId: media.fileId, MediaUrl: media.mediaUrl, CoverUrl: media.coverUrl };
};
