// Token comparison in constant time (DESIGN §9). Both sides are hashed first so that timingSafeEqual gets equal
// lengths and the comparison leaks neither the content nor the length of a configured token. The configured
// tokens' digests are computed once per list (every authenticated request compares against them), with the
// one-shot crypto.hash: createHash's object costs more than the hashing of a token.
import { hash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => hash("sha256", value, "buffer");
const digestsOf = new WeakMap<readonly string[], Buffer[]>();

export function constantTimeIncludes(candidates: readonly string[], presented: string): boolean {
  let digests = digestsOf.get(candidates);
  if (!digests) digestsOf.set(candidates, (digests = candidates.map(digest)));
  const presentedDigest = digest(presented);
  let found = false;
  for (const candidate of digests) found = timingSafeEqual(candidate, presentedDigest) || found;
  return found;
}
