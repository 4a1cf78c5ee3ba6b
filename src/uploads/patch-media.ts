// The media columns an event's patch writes (upload-columns.ts, event "media"), read from what the event says.
import type { MediaFields } from "../events/vod-event.js";
import type { MediaColumn } from "./upload-columns.js";

// Upload.subAppId is a bigint column.
const SUB_APP_ID = /^[0-9]{1,18}$/;

/** One literal with the columns in the table's order, as mediaColumns lists them (test/unit/prepare-event-shapes
 *  .test.ts holds the two together); a SubAppId the column cannot hold is none. */
export function patchMedia(fields: MediaFields): Pick<MediaFields, MediaColumn> {
  const subAppId = fields.subAppId;
  return {
    sourceType: fields.sourceType,
    sourceContext: fields.sourceContext,
    mediaUrl: fields.mediaUrl,
    coverUrl: fields.coverUrl,
    name: fields.name,
    mediaType: fields.mediaType,
    storageRegion: fields.storageRegion,
    subAppId: subAppId !== null && SUB_APP_ID.test(subAppId) ? subAppId : null,
    sessionContext: fields.sessionContext,
    sessionId: fields.sessionId,
  };
}
