// CommitUploadUGC, the last call of a client upload: {signature, vodSessionKey} → {fileId, video: {url,
// verify_content}, cover?: {url}} (read from vod-js-sdk-v6 commitUploadUGC and TVCClient parseFinishRsp; the alist
// "vtencent" driver's RspCommitUploadUGC adds video.verify_content, an opaque token it passes on — its meaning is
// not documented, so the emulator fills it with random bytes). The media becomes a file exactly as with
// CommitUpload: same records, same NewFileUpload, same task flow.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { subAppIdOf } from "../../api/sub-app-id.js";
import { commitUploadSession } from "../../uploads/commit-upload-session.js";
import { authenticateUgcRequest } from "../authenticate-ugc-request.js";
import { findClientSession } from "../find-client-session.js";
import { UgcError } from "../ugc-error.js";
import type { UgcAction } from "../ugc-context.js";

const commitBody = z.object({ signature: z.unknown().optional(), vodSessionKey: z.string() });

export const commitUploadUgc: UgcAction = (body, { state, events }) => {
  const parsed = commitBody.safeParse(body);
  if (!parsed.success) throw new UgcError("invalidRequest", "invalid request");
  const claims = authenticateUgcRequest(state, parsed.data.signature, "CommitUploadUGC");
  const session = findClientSession(state, parsed.data.vodSessionKey, subAppIdOf(claims.vodSubAppId, state.appId));
  const object = state.objects.get(session.mediaStoragePath);
  // [INFERRED] code: no source names the answer to a commit before the bytes arrived.
  if (!object) throw new UgcError("invalidRequest", `no media was uploaded to COS at ${session.mediaStoragePath}`);
  const media = commitUploadSession(state, events, session, object);
  return {
    fileId: media.fileId,
    video: { url: media.mediaUrl, verify_content: randomBytes(16).toString("hex") },
    ...(media.coverUrl ? { cover: { url: media.coverUrl } } : {}),
  };
};
