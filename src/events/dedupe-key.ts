import { hash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

// DESIGN §4: the dedupe key is the sha256 of the canonical body without what changes between deliveries of one
// event: Sign/T (sign/t) are recomputed for every push, EventHandle for every PULL redelivery (vod-reference §3.1,
// §4). Only the top level is stripped: the same names deeper down are event content. A v3 and a 2017-format body
// of the same upload get different keys on purpose: they are two rows that converge on one state.
// The top level is written here, members by canonicalJson: the very text canonicalJson gives the body without the
// delivery keys (stored keys depend on it byte for byte), without copying the body first (the hot path).
const DELIVERY_KEYS = new Set(["Sign", "T", "sign", "t", "EventHandle"]);

export function dedupeKey(body: Record<string, unknown>): string {
  let text = "{";
  for (const key of Object.keys(body).sort()) {
    const member = body[key];
    if (member === undefined || DELIVERY_KEYS.has(key)) continue;
    if (text.length > 1) text += ",";
    text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return hash("sha256", `${text}}`, "hex");
}
