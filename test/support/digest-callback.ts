// The pure steps of ingestEvent (src/ingest/ingest-event.ts), in its order, without a database: parse → normalise
// → storage hazards → dedupe key → upload patch → the status rule on a new upload → the hot-path statement's one
// jsonb parameter. Property tests run it on hostile bodies; anything it throws is a crash the service would have.
import { AppError, isAppError } from "../../src/errors.js";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { findRawStorageHazard } from "../../src/events/find-raw-storage-hazard.js";
import { findStorageHazard } from "../../src/events/find-storage-hazard.js";
import { normaliseEvent, type NormaliseResult } from "../../src/events/normalise-event.js";
import { parseBody } from "../../src/ingest/parse-body.js";
import { recordEventsParam } from "../../src/db/record-event.js";
import { applyPatch } from "../../src/uploads/apply-event.js";
import { toUploadPatch } from "../../src/uploads/upload-patch.js";
import type { UploadState } from "../../src/uploads/upload-state.js";

export type Digest =
  | { refused: AppError }
  | { result: NormaliseResult; hazard: string | null; key: string; uploads: UploadState[]; param: string };

const RECEIVED_AT = new Date("2025-01-01T00:00:00Z");

export function digestCallback(raw: string): Digest {
  let parsed;
  try {
    parsed = parseBody(raw);
  } catch (error) {
    if (isAppError(error)) return { refused: error };
    throw error;
  }
  const { body, text } = parsed;
  const result = normaliseEvent(body);
  const hazard = findRawStorageHazard(text) ?? findStorageHazard(body);
  const key = dedupeKey(body);
  const patch = result.ok ? toUploadPatch(result.event) : null;
  const uploads = (patch?.files ?? []).map((file) => applyPatch(null, patch!, file, RECEIVED_AT));
  const row = {
    dedupeKey: key, eventType: result.ok ? result.event.eventType : (result.eventType ?? "unknown"),
    format: result.ok ? result.event.format : (result.format ?? "unknown"), channel: "push", fileId: null,
    procedureTaskId: null, payloadText: hazard ? text : null, outcome: "applied" as const,
    error: result.ok ? null : JSON.stringify(result.issues),
  };
  // The body itself is spliced in only when it has no hazard; it is left out here so the parameter's own nesting
  // stays shallow and findRawStorageHazard judges only what the statement adds.
  const param = recordEventsParam([{ row, receivedAt: RECEIVED_AT, patch, newIds: uploads.map(() => "upl_x"), payloadJson: null }]);
  return { result, hazard, key, uploads, param };
}
