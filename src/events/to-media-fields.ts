import type { MediaFields } from "./vod-event.js";

/** The media fields an event does not carry are null: "not known from this event", never "erased". */
export function toMediaFields(known: Partial<MediaFields>): MediaFields {
  return {
    mediaUrl: null,
    coverUrl: null,
    name: null,
    mediaType: null,
    sourceType: null,
    sourceContext: null,
    storageRegion: null,
    subAppId: null,
    sessionContext: null,
    sessionId: null,
    metadata: {},
    ...known,
  };
}
