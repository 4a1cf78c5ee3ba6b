// The client (UGC) upload signature that VOD's browser and mobile upload SDKs send with ApplyUploadUGC and
// CommitUploadUGC (vod-reference §7; https://www.tencentcloud.com/document/product/266/33922):
//   original  = URL query string, values URL-encoded: secretId, currentTimeStamp, expireTime, random, then options
//   signature = base64( HMAC-SHA1(SecretKey, original) ‖ original )
// Any key order verifies (the original travels inside the signature); ours is the reference's worked example's, so
// that example reproduces byte for byte. Limits are VOD's: validity ≤ 90 days, sourceContext ≤ 250 characters,
// sessionContext ≤ 1000, taskPriority in [-10, 10]. Breaking one is the caller's error (invalid_request), since VOD
// would refuse the signature only later, on the client's device, where nobody can fix it.
import { createHmac, randomInt } from "node:crypto";
import { AppError } from "../errors.js";

const MAX_VALIDITY_SECONDS = 7_776_000;
const MAX_SOURCE_CONTEXT_CHARS = 250;
const MAX_SESSION_CONTEXT_CHARS = 1000;
const MAX_RANDOM = 0xffff_ffff;

export type TaskNotifyMode = "Finish" | "Change" | "None";

export interface UploadSignatureInput {
  secretId: string;
  secretKey: string;
  /** Signing time; default now. */
  now?: Date;
  expiresInSeconds: number;
  /** Unsigned 32-bit nonce; default random. With oneTimeValid, VOD refuses a signature it has seen before. */
  random?: number;
  procedure?: string;
  sourceContext?: string;
  classId?: number;
  storageRegion?: string;
  oneTimeValid?: boolean;
  subAppId?: number;
  sessionContext?: string;
  taskPriority?: number;
  taskNotifyMode?: TaskNotifyMode;
}

export interface UploadSignature {
  signature: string;
  expiresAt: Date;
}

export function createUploadSignature(input: UploadSignatureInput): UploadSignature {
  const now = input.now ?? new Date();
  if (!input.secretId || !input.secretKey) invalid("secretId and secretKey are required.");
  if (Number.isNaN(now.getTime())) invalid("now is not a valid date.");
  const validity = input.expiresInSeconds;
  if (!Number.isInteger(validity) || validity < 1 || validity > MAX_VALIDITY_SECONDS) {
    invalid(`expiresIn must be a whole number of seconds from 1 to ${MAX_VALIDITY_SECONDS} (90 days).`);
  }
  const random = input.random ?? randomInt(0, MAX_RANDOM + 1);
  if (!Number.isInteger(random) || random < 0 || random > MAX_RANDOM) {
    invalid("random must be an unsigned 32-bit integer.");
  }
  checkText("sourceContext", input.sourceContext, MAX_SOURCE_CONTEXT_CHARS);
  checkText("sessionContext", input.sessionContext, MAX_SESSION_CONTEXT_CHARS);
  checkText("procedure", input.procedure, Infinity);
  checkText("storageRegion", input.storageRegion, Infinity);
  checkInteger("classId", input.classId, 0, Number.MAX_SAFE_INTEGER);
  checkInteger("subAppId", input.subAppId, 0, Number.MAX_SAFE_INTEGER);
  checkInteger("taskPriority", input.taskPriority, -10, 10);
  if (input.taskNotifyMode !== undefined && !["Finish", "Change", "None"].includes(input.taskNotifyMode)) {
    invalid("taskNotifyMode must be Finish, Change or None.");
  }

  const currentTimeStamp = Math.floor(now.getTime() / 1000);
  const expireTime = currentTimeStamp + validity;
  const pairs: Array<[string, string | number | undefined]> = [
    ["secretId", input.secretId],
    ["currentTimeStamp", currentTimeStamp],
    ["expireTime", expireTime],
    ["random", random],
    ["procedure", input.procedure],
    ["sourceContext", input.sourceContext],
    ["vodSubAppId", input.subAppId],
    ["storageRegion", input.storageRegion],
    ["classId", input.classId],
    ["oneTimeValid", input.oneTimeValid ? 1 : undefined],
    ["sessionContext", input.sessionContext],
    ["taskPriority", input.taskPriority],
    ["taskNotifyMode", input.taskNotifyMode],
  ];
  const original = pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  const originalBytes = Buffer.from(original, "utf8");
  const hmac = createHmac("sha1", input.secretKey).update(originalBytes).digest();
  return { signature: Buffer.concat([hmac, originalBytes]).toString("base64"), expiresAt: new Date(expireTime * 1000) };
}

function checkText(name: string, value: string | undefined, maxChars: number): void {
  if (value === undefined) return;
  // encodeURIComponent throws on a lone surrogate; say which field instead.
  if (!value.isWellFormed()) invalid(`${name} is not well-formed Unicode text.`);
  if (value.length > maxChars) invalid(`${name} is longer than ${maxChars} characters.`);
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    invalid(`${name} must be an integer from ${min} to ${max}.`);
  }
}

function invalid(message: string): never {
  throw new AppError("invalid_request", message);
}
