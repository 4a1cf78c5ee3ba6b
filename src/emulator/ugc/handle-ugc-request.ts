// One call of the client upload endpoint (vod2.qcloud.com/v3/index.php?Action=…): JSON body → action → always
// HTTP 200 with {"code": 0, "message": "", "data": {...}} or {"code": <error>, "message": "..."}, the envelope the
// upload SDKs read (vod-js-sdk-v6 uploader.ts; TVCClient parseInitRsp / parseFinishRsp). Only a crash of the
// emulator itself answers 500, which the SDKs treat as a failed request and retry.
import type { UgcAction, UgcContext } from "./ugc-context.js";
import { applyUploadUgc } from "./actions/apply-upload-ugc.js";
import { commitUploadUgc } from "./actions/commit-upload-ugc.js";
import { UgcError } from "./ugc-error.js";

const actions: ReadonlyMap<string, UgcAction> = new Map([
  ["ApplyUploadUGC", applyUploadUgc],
  ["CommitUploadUGC", commitUploadUgc],
]);

export interface UgcReply {
  status: 200 | 500;
  body: { code: number; message: string; data?: Record<string, unknown> };
}

export function handleUgcRequest(action: string, rawBody: Buffer, context: UgcContext): UgcReply {
  try {
    const handler = actions.get(action);
    if (!handler) throw new UgcError("invalidRequest", `the action ${action || "(none)"} is not supported`);
    const data = handler(parseBody(rawBody), context);
    context.log(`ugc ${action} ok`);
    return { status: 200, body: { code: 0, message: "", data } };
  } catch (error) {
    if (error instanceof UgcError) {
      context.log(`ugc ${action} → ${error.code} ${error.message}`);
      return { status: 200, body: { code: error.code, message: error.message } };
    }
    context.log(`ugc ${action} crashed: ${String(error)}`);
    return { status: 500, body: { code: -1, message: "ugc upload | internal error of the emulator" } };
  }
}

function parseBody(rawBody: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new UgcError("invalidRequest", "invalid request");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new UgcError("invalidRequest", "invalid request");
  }
  return body as Record<string, unknown>;
}
