// Sends a hand-signed TC3-HMAC-SHA256 request to the emulator, for what the SDK cannot do on purpose (an old
// timestamp, a different version, extra signed headers). The signing is written here from Tencent's
// "Signature v3" text, independently of the emulator's verifier.
import { createHash, createHmac } from "node:crypto";

export interface SignedRequestOptions {
  url: string;
  action: string;
  body: unknown;
  secretId: string;
  secretKey: string;
  timestamp?: number;
  version?: string;
  region?: string;
  /** Sign x-tc-action too, as the Python and Go SDKs do. */
  signAction?: boolean;
  /** Change the Authorization header after signing. */
  tamper?: (authorization: string) => string;
}

export async function sendSignedRequest(options: SignedRequestOptions): Promise<{ status: number; json: any }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const payload = JSON.stringify(options.body);
  const host = new URL(options.url).hostname;
  const service = host.split(".")[0] ?? "";
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const headers: Array<[string, string]> = [
    ["content-type", "application/json"],
    ["host", host],
  ];
  if (options.signAction) headers.push(["x-tc-action", options.action.toLowerCase()]);
  const canonicalRequest = [
    "POST",
    "/",
    "",
    headers.map(([name, value]) => `${name}:${value}\n`).join(""),
    headers.map(([name]) => name).join(";"),
    sha256(payload),
  ].join("\n");
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonicalRequest)}`;
  const kDate = hmac(`TC3${options.secretKey}`, date);
  const signature = createHmac("sha256", hmac(hmac(kDate, service), "tc3_request"))
    .update(stringToSign)
    .digest("hex");
  const authorization = `TC3-HMAC-SHA256 Credential=${options.secretId}/${scope}, SignedHeaders=${headers
    .map(([name]) => name)
    .join(";")}, Signature=${signature}`;
  const response = await fetch(options.url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-TC-Action": options.action,
      "X-TC-Version": options.version ?? "2018-07-17",
      "X-TC-Timestamp": String(timestamp),
      ...(options.region ? { "X-TC-Region": options.region } : {}),
      Authorization: options.tamper ? options.tamper(authorization) : authorization,
    },
    body: payload,
  });
  return { status: response.status, json: await response.json() };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function hmac(key: Buffer | string, text: string): Buffer {
  return createHmac("sha256", key).update(text).digest();
}
