import { hash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

// DESIGN §4: the dedupe key is the sha256 of the canonical body without what changes between deliveries of one
// event: Sign/T (sign/t) are recomputed for every push, EventHandle for every PULL redelivery (vod-reference §3.1,
// §4). Only the top level is stripped: the same names deeper down are event content. A v3 and a 2017-format body
// of the same upload get different keys on purpose: they are two rows that converge on one state.
// canonicalJson leaves the delivery keys out of the top level as it writes: the very text it gives the body without
// them (stored keys depend on it byte for byte), without copying the body first (the hot path).
const DELIVERY_KEYS: ReadonlySet<string> = new Set(["Sign", "T", "sign", "t", "EventHandle"]);

export function dedupeKey(body: Record<string, unknown>): string {
  return hash("sha256", canonicalJson(body, DELIVERY_KEYS), "hex");
}
