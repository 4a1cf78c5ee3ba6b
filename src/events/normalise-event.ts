import { findEventFileId } from "./find-event-file-id.js";
import { isPlainObject } from "./is-plain-object.js";
import { normaliseLegacyEvent } from "./legacy/normalise-legacy-event.js";
import type { NormaliseIssue } from "./parse-event.js";
import { normaliseV3Event } from "./v3/normalise-v3-event.js";
import type { EventFormat, VodEvent } from "./vod-event.js";

// Every VOD body, in either format, becomes one VodEvent (DESIGN §2) or a list of issues; nothing throws.
// Format (vod-reference §2.6): a top-level EventType means v3, a top-level eventType the 2017 format; when a body
// has both, EventType wins. A failure still names what it can (format, eventType, FileId) for the event log.

export type NormaliseResult =
  | { ok: true; event: VodEvent }
  | {
      ok: false;
      format: EventFormat | null;
      eventType: string | null;
      fileId: string | null;
      issues: NormaliseIssue[];
    };

/** `rawText`: the body as received, when the caller has it — the digits of a FileId sent as a JSON number above
 *  2^53 are only there (exact-integers.ts). */
export function normaliseEvent(body: unknown, rawText?: string): NormaliseResult {
  if (!isPlainObject(body)) {
    const issue = { path: [], code: "invalid_type", message: "the body must be a JSON object" };
    return { ok: false, format: null, eventType: null, fileId: null, issues: [issue] };
  }
  const typeKey = Object.hasOwn(body, "EventType")
    ? "EventType"
    : Object.hasOwn(body, "eventType")
      ? "eventType"
      : null;
  if (typeKey === null) {
    const issue = {
      path: [],
      code: "custom",
      message: "neither EventType (v3) nor eventType (2017 format) is present",
    };
    return { ok: false, format: null, eventType: null, fileId: findEventFileId(body), issues: [issue] };
  }
  const format = typeKey === "EventType" ? "v3" : "legacy";
  const parsed = format === "v3" ? normaliseV3Event(body, rawText) : normaliseLegacyEvent(body, rawText);
  if (parsed.ok) return { ok: true, event: parsed.value };
  const eventType = body[typeKey];
  return {
    ok: false,
    format,
    eventType: typeof eventType === "string" && eventType !== "" ? eventType : null,
    fileId: findEventFileId(body),
    issues: parsed.issues,
  };
}
