import { createExactIntegers } from "../exact-integers.js";
import { findEventFileId } from "../find-event-file-id.js";
import { findLinkedFileIds } from "../find-linked-file-ids.js";
import { parseEvent, type Parsed } from "../parse-event.js";
import type { VodEvent } from "../vod-event.js";
import { fileDeletedLegacySchema } from "./file-deleted-legacy-schema.js";
import { legacyEnvelopeSchema } from "./legacy-envelope-schema.js";
import { newFileUploadLegacySchema } from "./new-file-upload-legacy-schema.js";
import { normaliseFileDeletedLegacy } from "./normalise-file-deleted-legacy.js";
import { normaliseNewFileUploadLegacy } from "./normalise-new-file-upload-legacy.js";
import { normaliseProcedureStateChangedLegacy } from "./normalise-procedure-state-changed-legacy.js";
import { normalisePullCompleteLegacy } from "./normalise-pull-complete-legacy.js";
import { normaliseTranscodeCompleteLegacy } from "./normalise-transcode-complete-legacy.js";
import { procedureStateChangedLegacySchema } from "./procedure-state-changed-legacy-schema.js";
import { transcodeCompleteLegacySchema } from "./transcode-complete-legacy-schema.js";

// 2017-format bodies (vod-reference §2). Other eventTypes (ConcatComplete, ClipComplete, …) are kind "other",
// linked to every FileId they name below their own (find-linked-file-ids.ts; rawText as in normalise-v3-event.ts).
export function normaliseLegacyEvent(body: Record<string, unknown>, rawText?: string): Parsed<VodEvent> {
  const envelope = parseEvent(legacyEnvelopeSchema, body, (parsed) => parsed.eventType);
  if (!envelope.ok) return envelope;
  switch (envelope.value) {
    case "NewFileUpload":
      return parseEvent(newFileUploadLegacySchema, body, normaliseNewFileUploadLegacy);
    case "ProcedureStateChanged":
      return parseEvent(procedureStateChangedLegacySchema, body, normaliseProcedureStateChangedLegacy);
    case "FileDeleted":
      return parseEvent(fileDeletedLegacySchema, body, normaliseFileDeletedLegacy);
    case "TranscodeComplete":
      return parseEvent(transcodeCompleteLegacySchema, body, normaliseTranscodeCompleteLegacy);
    case "PullComplete":
      return normalisePullCompleteLegacy(body, createExactIntegers(rawText));
    default: {
      const fileId = findEventFileId(body);
      const linkedFileIds = findLinkedFileIds(body, createExactIntegers(rawText), [fileId]);
      return {
        ok: true,
        value: {
          kind: "other",
          eventType: envelope.value,
          format: "legacy",
          fileId,
          ...(linkedFileIds.length ? { linkedFileIds } : {}),
        },
      };
    }
  }
}
