// How a ref names an upload (`GET /v1/uploads/:ref`): our own id starts with `upl_`, anything else is a VOD
// FileId. Routes, repositories and the list cursor all ask here, so the two readings cannot drift apart.
import { randomBytes } from "node:crypto";

export type UploadRef = { kind: "id"; id: string } | { kind: "fileId"; fileId: string };

const uploadIdPrefix = "upl_";

/** The shape of an id a forged cursor may carry: the prefix, then a bounded run of base64url characters. */
export const wellFormedUploadId = /^upl_[A-Za-z0-9_-]{1,64}$/;

export function isUploadId(ref: string): boolean {
  return ref.startsWith(uploadIdPrefix);
}

export function parseUploadRef(ref: string): UploadRef {
  return isUploadId(ref) ? { kind: "id", id: ref } : { kind: "fileId", fileId: ref };
}

// Drawn from a pool refilled 4 KiB at a time: one randomBytes call per id cost more than the rest of the id (the
// hot path draws one per file of every event). Same CSPRNG, same 96 bits; each slice is used once.
const ID_BYTES = 12;
const POOL_BYTES = 4096 - (4096 % ID_BYTES);
let pool = Buffer.alloc(0);
let poolAt = 0;

/** Our own upload id: `upl_` + 96 random bits, URL-safe. */
export function newUploadId(): string {
  if (poolAt + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  poolAt += ID_BYTES;
  return `${uploadIdPrefix}${pool.toString("base64url", poolAt - ID_BYTES, poolAt)}`;
}
