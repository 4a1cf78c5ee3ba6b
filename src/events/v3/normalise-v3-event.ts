import { createExactIntegers } from "../exact-integers.js";
import { findEventFileId } from "../find-event-file-id.js";
import { findLinkedFileIds } from "../find-linked-file-ids.js";
import { parseEvent, type Parsed } from "../parse-event.js";
import type { VodEvent } from "../vod-event.js";
import { fileDeletedV3Schema } from "./file-deleted-v3-schema.js";
import { newFileUploadV3Schema } from "./new-file-upload-v3-schema.js";
import { normaliseFileDeletedV3 } from "./normalise-file-deleted-v3.js";
import { normaliseMediaEditV3 } from "./normalise-media-edit-v3.js";
import { normaliseMediaInfoReconcile } from "./normalise-media-info-reconcile.js";
import { normaliseNewFileUploadV3 } from "./normalise-new-file-upload-v3.js";
import { normaliseProcedureStateChangedV3 } from "./normalise-procedure-state-changed-v3.js";
import { normalisePullCompleteV3 } from "./normalise-pull-complete-v3.js";
import { normaliseReviewAudioVideoV3 } from "./normalise-review-audio-video-v3.js";
import { normaliseTranscodeCompleteV3 } from "./normalise-transcode-complete-v3.js";
import { procedureStateChangedV3Schema } from "./procedure-state-changed-v3-schema.js";
import { transcodeCompleteV3Schema } from "./transcode-complete-v3-schema.js";
import { v3EnvelopeSchema } from "./v3-envelope-schema.js";

// Event types we do not interpret are kept as kind "other": VOD adds types over time (vod-reference §1.1). They are
// linked to every FileId they name below their own (find-linked-file-ids.ts); `rawText`, the body as received, gives
// the digits of a FileId sent as a JSON number too large for JavaScript (exact-integers.ts).
export function normaliseV3Event(body: Record<string, unknown>, rawText?: string): Parsed<VodEvent> {
  const envelope = parseEvent(v3EnvelopeSchema, body, (parsed) => parsed.EventType);
  if (!envelope.ok) return envelope;
  switch (envelope.value) {
    case "NewFileUpload":
      return parseEvent(newFileUploadV3Schema, body, normaliseNewFileUploadV3);
    case "ProcedureStateChanged":
      return parseEvent(procedureStateChangedV3Schema, body, normaliseProcedureStateChangedV3);
    case "FileDeleted":
      return parseEvent(fileDeletedV3Schema, body, normaliseFileDeletedV3);
    case "TranscodeComplete":
      return parseEvent(transcodeCompleteV3Schema, body, normaliseTranscodeCompleteV3);
    case "ReconcileMediaInfo":
      return normaliseMediaInfoReconcile(body);
    case "PullComplete":
      return normalisePullCompleteV3(body, createExactIntegers(rawText));
    case "ReviewAudioVideoComplete":
      return { ok: true, value: normaliseReviewAudioVideoV3(body, createExactIntegers(rawText)) };
    case "EditMediaComplete":
    case "ComposeMediaComplete":
      return { ok: true, value: normaliseMediaEditV3(body, envelope.value, createExactIntegers(rawText)) };
    default: {
      const fileId = findEventFileId(body);
      const linkedFileIds = findLinkedFileIds(body, createExactIntegers(rawText), [fileId]);
      return {
        ok: true,
        value: {
          kind: "other",
          eventType: envelope.value,
          format: "v3",
          fileId,
          ...(linkedFileIds.length ? { linkedFileIds } : {}),
        },
      };
    }
  }
}
