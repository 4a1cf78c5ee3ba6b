// Authenticates a request to the emulated COS endpoint. What is checked, in order:
// 1. header x-cos-security-token is a Token that ApplyUpload issued, and its certificate has not expired;
// 2. the Authorization header is COS's q-sign-algorithm=sha1 form, q-ak is that certificate's SecretId, and now
//    lies within q-sign-time;
// 3. the signature recomputed with the certificate's SecretKey over method, path, the listed query parameters and
//    the listed headers matches (COS request signature, https://cloud.tencent.com/document/product/436/7778 —
//    the algorithm cos-nodejs-sdk-v5 implements in util.getAuth);
// 4. the object (or the listed prefix) lies in the directory ApplyUpload assigned to that session.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { EmulatorState, UploadSession } from "../emulator-state.js";
import { CosError } from "./cos-error.js";
import { queryValue, type CosRequest } from "./cos-request.js";

export function verifyCosRequest(request: CosRequest, state: EmulatorState, nowSeconds: number): UploadSession {
  const token = headerValue(request, "x-cos-security-token");
  if (!token) throw new CosError(403, "AccessDenied", "x-cos-security-token is required (TempCertificate.Token).");
  const session = state.sessions.get(state.sessionKeyByToken.get(token) ?? "");
  if (!session) throw new CosError(403, "InvalidAccessKeyId", "The security token was not issued by ApplyUpload.");
  const certificate = session.tempCertificate;
  if (certificate.expiredTime < nowSeconds) throw new CosError(403, "AccessDenied", "Request has expired");

  const auth = new Map(
    (headerValue(request, "authorization") ?? "").split("&").map((pair) => {
      const at = pair.indexOf("=");
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }),
  );
  const signTime = auth.get("q-sign-time") ?? "";
  const keyTime = auth.get("q-key-time") ?? "";
  const signature = auth.get("q-signature") ?? "";
  if (auth.get("q-sign-algorithm") !== "sha1" || !/^\d+;\d+$/.test(signTime) || !/^[0-9a-f]{40}$/.test(signature)) {
    throw new CosError(403, "AccessDenied", "Authorization is missing or not a q-sign-algorithm=sha1 signature.");
  }
  if (auth.get("q-ak") !== certificate.secretId) {
    throw new CosError(403, "InvalidAccessKeyId", "q-ak is not the SecretId of the TempCertificate.");
  }
  const [start = 0, end = 0] = signTime.split(";").map(Number);
  if (nowSeconds < start - 60 || nowSeconds > end) throw new CosError(403, "AccessDenied", "Request has expired");

  const paramNames = (auth.get("q-url-param-list") ?? "").split(";").filter(Boolean);
  const headerNames = (auth.get("q-header-list") ?? "").split(";").filter(Boolean);
  const params = paramNames.map((name) => [name, request.query.find(([key]) => encodedName(key) === name)?.[1] ?? ""]);
  const headers = headerNames.map((name) => [name, headerValue(request, name) ?? ""]);
  const method = request.method.toLowerCase();
  const formatString = [method, request.path, canonical(params), canonical(headers), ""].join("\n");
  const stringToSign = ["sha1", signTime, createHash("sha1").update(formatString).digest("hex"), ""].join("\n");
  const signKey = createHmac("sha1", certificate.secretKey).update(keyTime).digest("hex");
  const expected = createHmac("sha1", signKey).update(stringToSign).digest("hex");
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new CosError(403, "SignatureDoesNotMatch", "The calculated signature does not match the one provided.");
  }

  const directory = session.mediaStoragePath.slice(0, session.mediaStoragePath.lastIndexOf("/") + 1);
  const target = request.path === "/" ? `/${queryValue(request, "prefix") ?? ""}` : request.path;
  if (!target.startsWith(directory)) {
    throw new CosError(403, "AccessDenied", `This certificate only grants ${directory}*.`);
  }
  return session;
}

/** COS's key=value&… form: names lower-case, both sides URL-encoded the COS way, sorted by name. */
function canonical(pairs: string[][]): string {
  return pairs
    .map(([name = "", value = ""]) => [name, cosEncode(value)])
    .sort(([a = ""], [b = ""]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function encodedName(name: string): string {
  return cosEncode(name).toLowerCase();
}

function cosEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function headerValue(request: CosRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
