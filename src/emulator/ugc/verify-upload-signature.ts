// Reads and authenticates a client upload signature, written here from VOD's description of the writer
// (vod-reference §7; https://www.tencentcloud.com/document/product/266/33922), independently of the tracker's
// generator: base64( HMAC-SHA1(SecretKey, original) ‖ original ), original = a URL query string.
// Order, as a webhook verifier: shape → required fields → time window → key lookup → recompute → constant-time
// compare → only then the optional claims. The time fields are read before the HMAC is checked, which is safe:
// they only decide between two refusals. Hazards handled:
// - whitespace inside the base64 is dropped (the Java sample's BASE64Encoder wraps lines; the sample strips them,
//   not every copy of it does);
// - the HMAC covers the original's exact bytes, never a re-serialisation, so any key order and encoding verify;
// - integers must be plain digits: a fractional currentTimeStamp is refused by VOD (vod-js-sdk-v6 issue #13);
// - a repeated key is refused, as two readers could take different values from it.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TaskNotifyMode } from "../emulator-state.js";
import { STORAGE_REGION } from "../uploads/storage-region.js";

/** "签名有效时长最大取值为7776000，即90天" (the signature doc's expireTime row). */
const MAX_VALIDITY_SECONDS = 7_776_000;
const HMAC_BYTES = 20;
const MAX_RANDOM = 0xffff_ffff;
const NOTIFY_MODES: ReadonlySet<string> = new Set(["Finish", "Change", "None"]);

export interface UploadSignatureClaims {
  secretId: string;
  /** The HMAC in hex: names this signature however its base64 was spelled (one-time bookkeeping). */
  fingerprint: string;
  expireTime: number;
  oneTimeValid: boolean;
  procedure?: string | undefined;
  sourceContext?: string | undefined;
  sessionContext?: string | undefined;
  storageRegion?: string | undefined;
  classId?: number | undefined;
  vodSubAppId?: number | undefined;
  taskPriority?: number | undefined;
  taskNotifyMode?: TaskNotifyMode | undefined;
}

export type UploadSignatureVerdict =
  | { ok: true; claims: UploadSignatureClaims }
  | { ok: false; kind: "invalidSignature" | "signatureExpired"; message: string };

export function verifyUploadSignature(
  signature: unknown,
  findSecretKey: (secretId: string) => string | undefined,
  nowSeconds: number,
): UploadSignatureVerdict {
  const text = typeof signature === "string" ? signature.replace(/\s+/g, "") : "";
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return invalid("signature is not base64");
  const bytes = Buffer.from(text, "base64");
  if (bytes.length <= HMAC_BYTES) return invalid("signature is too short");
  const mac = bytes.subarray(0, HMAC_BYTES);
  const original = bytes.subarray(HMAC_BYTES);
  const params = new URLSearchParams(original.toString("utf8"));
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) return invalid("a parameter appears twice in the signature");

  const secretId = params.get("secretId");
  const currentTimeStamp = wholeNumber(params.get("currentTimeStamp"));
  const expireTime = wholeNumber(params.get("expireTime"));
  const random = wholeNumber(params.get("random"));
  if (!secretId || currentTimeStamp === undefined || expireTime === undefined || random === undefined) {
    return invalid("secretId, currentTimeStamp, expireTime and random must be present, the last three as integers");
  }
  if (random > MAX_RANDOM) return invalid("random is not an unsigned 32-bit integer");
  if (expireTime < nowSeconds) return { ok: false, kind: "signatureExpired", message: "signature expired" };
  const validity = expireTime - currentTimeStamp;
  if (validity <= 0 || validity > MAX_VALIDITY_SECONDS) return invalid("the validity must be 1 s to 90 days");

  const secretKey = findSecretKey(secretId);
  if (secretKey === undefined) return invalid("the secretId is not known");
  const expected = createHmac("sha1", secretKey).update(original).digest();
  if (!timingSafeEqual(expected, mac)) return invalid("invalid signature");

  const claims: UploadSignatureClaims = {
    secretId,
    fingerprint: mac.toString("hex"),
    expireTime,
    oneTimeValid: params.get("oneTimeValid") === "1",
    procedure: params.get("procedure") || undefined,
    sourceContext: params.get("sourceContext") ?? undefined,
    sessionContext: params.get("sessionContext") ?? undefined,
    storageRegion: params.get("storageRegion") || undefined,
    classId: wholeNumber(params.get("classId")),
    vodSubAppId: wholeNumber(params.get("vodSubAppId")),
    taskPriority: integer(params.get("taskPriority")),
    taskNotifyMode: (params.get("taskNotifyMode") || undefined) as TaskNotifyMode | undefined,
  };
  const problem = optionalClaimProblem(params, claims);
  return problem ? invalid(problem) : { ok: true, claims };
}

function optionalClaimProblem(params: URLSearchParams, claims: UploadSignatureClaims): string | undefined {
  const malformed = (name: string, value: unknown) => Boolean(params.get(name)) && value === undefined;
  if (malformed("classId", claims.classId) || malformed("vodSubAppId", claims.vodSubAppId)) {
    return "classId and vodSubAppId must be non-negative integers";
  }
  if (malformed("taskPriority", claims.taskPriority) || Math.abs(claims.taskPriority ?? 0) > 10) {
    return "taskPriority must be an integer from -10 to 10";
  }
  if (!["0", "1", null].includes(params.get("oneTimeValid"))) return "oneTimeValid must be 0 or 1";
  if (claims.taskNotifyMode !== undefined && !NOTIFY_MODES.has(claims.taskNotifyMode)) {
    return "taskNotifyMode must be Finish, Change or None";
  }
  if ((claims.sourceContext ?? "").length > 250) return "sourceContext is longer than 250 characters";
  if ((claims.sessionContext ?? "").length > 1000) return "sessionContext is longer than 1000 characters";
  if (claims.storageRegion !== undefined && !STORAGE_REGION.pattern.test(claims.storageRegion)) {
    return "storageRegion is not a region name";
  }
  return undefined;
}

function wholeNumber(text: string | null): number | undefined {
  return text !== null && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

function integer(text: string | null): number | undefined {
  return text !== null && /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
}

function invalid(message: string): UploadSignatureVerdict {
  return { ok: false, kind: "invalidSignature", message };
}
