// TC3-HMAC-SHA256, the request signature of Tencent Cloud API 3.0 (vod-reference §8; Tencent's "Signature v3"
// page). Canonical header values are lower-cased and trimmed as the spec says; the Node SDK only ever signs
// `content-type:application/json` and the bare host name, which that rule leaves unchanged.
import { createHash, createHmac } from "node:crypto";

export interface Tc3SigningInput {
  method: string;
  path: string;
  query: string;
  /** Signed headers in SignedHeaders order: lower-case name and the value as it must be signed. */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Buffer | string;
  timestamp: number;
  service: string;
  secretKey: string;
}

export interface Tc3Signature {
  hashedPayload: string;
  hashedCanonicalRequest: string;
  credentialScope: string;
  signature: string;
}

export function tc3Signature(input: Tc3SigningInput): Tc3Signature {
  const hashedPayload = sha256Hex(input.body);
  const canonicalHeaders = input.headers.map(([name, value]) => `${name}:${value.trim().toLowerCase()}\n`).join("");
  const signedHeaders = input.headers.map(([name]) => name).join(";");
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path,
    input.query,
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
  ].join("\n");
  const date = tc3Date(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const stringToSign = ["TC3-HMAC-SHA256", String(input.timestamp), credentialScope, hashedCanonicalRequest].join("\n");
  const secretDate = hmac(`TC3${input.secretKey}`, date);
  const secretService = hmac(secretDate, input.service);
  const secretSigning = hmac(secretService, "tc3_request");
  const signature = createHmac("sha256", secretSigning).update(stringToSign).digest("hex");
  return { hashedPayload, hashedCanonicalRequest, credentialScope, signature };
}

/** UTC calendar date of a Unix timestamp in seconds, as the credential scope names it. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}
