// No event model read for vod-reference names SubAppId, but API requests do (§4, §6.1), so a callback may carry it
// at the top level or in the event object, in either spelling. Best effort: an unusable value is ignored, and
// 0 means "the primary application" (vod-reference §7, vodSubAppId), i.e. no sub-application.
const KEYS = ["SubAppId", "subAppId"];

export function findSubAppId(...sources: Array<Record<string, unknown> | null | undefined>): string | null {
  for (const source of sources) {
    for (const key of KEYS) {
      const value = source?.[key];
      if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
      if (typeof value === "string" && /^\d+$/.test(value) && !/^0+$/.test(value)) return value;
    }
  }
  return null;
}
