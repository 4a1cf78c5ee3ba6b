// Token comparison in constant time (DESIGN §9). Both sides are hashed first so that timingSafeEqual gets equal
// lengths and the comparison leaks neither the content nor the length of a configured token.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function constantTimeIncludes(candidates: readonly string[], presented: string): boolean {
  const presentedDigest = digest(presented);
  let found = false;
  for (const candidate of candidates) found = timingSafeEqual(digest(candidate), presentedDigest) || found;
  return found;
}
