import { findEventFileId } from "../find-event-file-id.js";
import { parseEvent, type Parsed } from "../parse-event.js";
import type { VodEvent } from "../vod-event.js";
import { fileDeletedV3Schema } from "./file-deleted-v3-schema.js";
import { newFileUploadV3Schema } from "./new-file-upload-v3-schema.js";
import { normaliseFileDeletedV3 } from "./normalise-file-deleted-v3.js";
import { normaliseNewFileUploadV3 } from "./normalise-new-file-upload-v3.js";
import { normaliseProcedureStateChangedV3 } from "./normalise-procedure-state-changed-v3.js";
import { procedureStateChangedV3Schema } from "./procedure-state-changed-v3-schema.js";
import { v3EnvelopeSchema } from "./v3-envelope-schema.js";

// Event types we do not interpret are kept as kind "other": VOD adds types over time (vod-reference §1.1).
export function normaliseV3Event(body: Record<string, unknown>): Parsed<VodEvent> {
  const envelope = parseEvent(v3EnvelopeSchema, body, (parsed) => parsed.EventType);
  if (!envelope.ok) return envelope;
  switch (envelope.value) {
    case "NewFileUpload":
      return parseEvent(newFileUploadV3Schema, body, normaliseNewFileUploadV3);
    case "ProcedureStateChanged":
      return parseEvent(procedureStateChangedV3Schema, body, normaliseProcedureStateChangedV3);
    case "FileDeleted":
      return parseEvent(fileDeletedV3Schema, body, normaliseFileDeletedV3);
    default:
      return {
        ok: true,
        value: { kind: "other", eventType: envelope.value, format: "v3", fileId: findEventFileId(body) },
      };
  }
}
