// Authenticates an API call the way Tencent Cloud does (vod-reference §8), in the order of a webhook verifier:
// required parts → time window → credential lookup → recompute → constant-time compare. Emulator notes:
// - the service is read from the Authorization credential scope, never assumed to be "vod": the Node SDK derives
//   it from the first label of the endpoint, so an SDK pointed at 127.0.0.1:9090 signs service "127";
// - the signed `host` is the Host header without its port, as the SDK signs URL.hostname;
// - whatever SignedHeaders lists is verified (other SDKs also sign x-tc-action), but host and content-type are
//   mandatory, as Tencent requires.
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { tc3Date, tc3Signature } from "./tc3-signature.js";

/** Tencent refuses a request whose X-TC-Timestamp differs from server time by more than five minutes. */
export const SIGNATURE_WINDOW_SECONDS = 300;

const AUTHORIZATION_PATTERN = new RegExp(
  "^TC3-HMAC-SHA256 Credential=([^/\\s,]+)/(\\d{4}-\\d{2}-\\d{2})/([^/\\s,]+)/tc3_request," +
    "\\s*SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})$",
);

export interface Tc3Request {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Tc3Verdict = { ok: true; secretId: string; service: string } | { ok: false; code: string; message: string };

export function verifyTc3Request(
  request: Tc3Request,
  findSecretKey: (secretId: string) => string | undefined,
  nowSeconds: number,
): Tc3Verdict {
  const match = AUTHORIZATION_PATTERN.exec(headerValue(request.headers, "authorization") ?? "");
  if (!match) return refuse("AuthFailure.InvalidAuthorization", "Authorization header is missing or malformed.");
  const [, secretId = "", scopeDate = "", service = "", signedHeaderList = "", signature = ""] = match;
  const signedHeaders = signedHeaderList.split(";");
  if (!signedHeaders.includes("host") || !signedHeaders.includes("content-type")) {
    return refuse("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.");
  }

  const timestampText = headerValue(request.headers, "x-tc-timestamp");
  if (timestampText === undefined) return refuse("MissingParameter", "The request is missing X-TC-Timestamp.");
  if (!/^\d{1,12}$/.test(timestampText)) return refuse("InvalidParameter", "X-TC-Timestamp must be Unix seconds.");
  const timestamp = Number(timestampText);
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS) {
    return refuse("AuthFailure.SignatureExpire", "Timestamp and server time cannot differ by more than five minutes.");
  }

  const secretKey = findSecretKey(secretId);
  if (secretKey === undefined) return refuse("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
  if (scopeDate !== tc3Date(timestamp)) {
    return refuse("AuthFailure.SignatureFailure", "The credential scope date does not match X-TC-Timestamp.");
  }

  const expected = tc3Signature({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: signedHeaders.map((name) => [name, signedValue(request.headers, name)] as const),
    body: request.body,
    timestamp,
    service,
    secretKey,
  }).signature;
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return refuse(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated. Please check your signature is correct.",
    );
  }
  return { ok: true, secretId, service };
}

function signedValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headerValue(headers, name) ?? "";
  return name === "host" ? value.replace(/:\d+$/, "") : value;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function refuse(code: string, message: string): Tc3Verdict {
  return { ok: false, code, message };
}
