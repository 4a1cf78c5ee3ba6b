// What POST /callbacks/vod does once its token passed and its raw body is read, for both ways in (the Express route
// and callback-fast-path.ts): ingestEvent with the push channel's Sign/T check, and the answer's body.
import type { IncomingHttpHeaders } from "node:http";
import { ingestEvent, type IngestDeps, type IngestResult } from "../ingest/ingest-event.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import type { CallbackAuth } from "./check-callback-token.js";
import { verifyVodSignature } from "./verify-vod-signature.js";

export interface CallbackRouteDeps extends IngestDeps {
  callbackAuth: CallbackAuth;
}

export type CallbackAnswer =
  | { outcome: "applied"; fileId: string; status: UploadStatus }
  | { outcome: "invalid"; errors: unknown[] }
  | { outcome: "duplicate" | "ignored" };

export async function ingestCallback(
  deps: CallbackRouteDeps,
  request: { raw: string; bytes?: Buffer; query: Record<string, unknown>; headers: IncomingHttpHeaders },
): Promise<CallbackAnswer> {
  const { signKeys } = deps.callbackAuth;
  const result = await ingestEvent(deps, {
    raw: request.raw,
    ...(request.bytes ? { bytes: request.bytes } : {}),
    channel: "push",
    authenticate: signKeys.length
      ? (body) => verifyVodSignature(signKeys, { body, query: request.query, headers: request.headers })
      : undefined,
  });
  return callbackAnswer(result);
}

function callbackAnswer(result: IngestResult): CallbackAnswer {
  switch (result.outcome) {
    case "applied":
      return { outcome: result.outcome, fileId: result.fileId, status: result.status };
    case "invalid":
      return { outcome: result.outcome, errors: result.errors };
    case "duplicate":
    case "ignored":
      return { outcome: result.outcome };
  }
}
