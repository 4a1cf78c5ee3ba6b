import { randomBytes } from "node:crypto";

/** Our own upload id: `upl_` + 96 random bits, URL-safe. */
export function newUploadId(): string {
  return `upl_${randomBytes(12).toString("base64url")}`;
}
