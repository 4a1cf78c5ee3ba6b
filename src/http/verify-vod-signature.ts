// VOD callback signature (vod-reference.md §3.1): Sign = md5(SignKey + T), T = the UNIX time (s) at which the
// notification expires (VOD sets send time + 600 s). VOD's docs do not say where Sign/T travel, so we look in the
// body's top level, then the query string, then headers. Shaped like a webhook verifier: required fields → time
// window → recompute → timingSafeEqual. Several keys may be configured at once for rotation.
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors.js";

export interface SignatureSources {
  body: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export function verifyVodSignature(
  keys: readonly string[],
  sources: SignatureSources,
  nowMs: number = Date.now(),
): void {
  const { sign, t } = findSignature(sources);
  if (sign === null || t === null) throw new AppError("unauthenticated", "callback signature (Sign and T) is missing");
  if (!/^[0-9]{1,12}$/.test(t) || !/^[0-9a-fA-F]{32}$/.test(sign)) {
    throw new AppError("unauthenticated", "callback signature is malformed");
  }
  if (Number(t) * 1000 < nowMs)
    throw new AppError("signature_expired", "callback signature has expired (T is in the past)");
  const presented = Buffer.from(sign.toLowerCase(), "hex");
  let valid = false;
  for (const key of keys) {
    const expected = createHash("md5")
      .update(key + t, "utf8")
      .digest();
    valid = timingSafeEqual(expected, presented) || valid;
  }
  if (!valid) throw new AppError("unauthenticated", "callback signature does not match");
}

function findSignature({ body, query, headers }: SignatureSources): { sign: string | null; t: string | null } {
  const places: Array<(name: string) => unknown> = [
    (name) => body[name],
    (name) => query[name],
    (name) => headers[name.toLowerCase()],
  ];
  for (const read of places) {
    const sign = scalar(read("Sign") ?? read("sign"));
    const t = scalar(read("T") ?? read("t"));
    if (sign !== null || t !== null) return { sign, t };
  }
  return { sign: null, t: null };
}

function scalar(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return null;
}
