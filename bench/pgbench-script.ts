// The PostgreSQL ceiling for the ingest benchmark: pgbench runs the very statement of our hot path, with the very
// parameter our code builds for a real ~1.2 KB NewFileUpload, one callback per transaction. Only the dedupe key,
// FileId and upload id vary (pgbench variables), so every transaction inserts a new event and a new upload.
import { dedupeKey } from "../src/events/dedupe-key.js";
import { normaliseEvent } from "../src/events/normalise-event.js";
import { recordEventsParams } from "../src/db/record-event.js";
import { recordEventsParamText } from "../src/db/record-events-param.js";
import { recordEventsSql } from "../src/db/record-events-sql.js";
import { toUploadPatch } from "../src/uploads/upload-patch.js";
import { callbackBody } from "../test/support/callback-body.js";

export function pgbenchScript(): string {
  const raw = callbackBody(0);
  const body = JSON.parse(raw) as { FileUploadEvent: { FileId: string } };
  const fileId = body.FileUploadEvent.FileId;
  const normalised = normaliseEvent(body);
  if (!normalised.ok) throw new Error("benchmark body does not normalise");
  const [param, payloads] = recordEventsParams([
    {
      row: {
        dedupeKey: dedupeKey(body),
        eventType: "NewFileUpload",
        format: "v3",
        channel: "push",
        fileId,
        procedureTaskId: null,
        payloadText: null,
        outcome: "applied",
        error: null,
      },
      receivedAt: new Date(),
      patch: toUploadPatch(normalised.event),
      newIds: ["upl_BENCHID"],
      payloadJson: raw,
    },
  ]);
  const varying = recordEventsParamText(param)
    .replaceAll(dedupeKey(body), "k-:client_id-:r")
    .replaceAll(fileId, "9:client_id0:r")
    .replaceAll("upl_BENCHID", "upl_:client_id_:r");
  const payload = payloads.toString("utf8").replaceAll(fileId, "9:client_id0:r");
  const sql = recordEventsSql
    .replace("$1::jsonb -> 'items'", `'${varying.replaceAll("'", "''")}'::jsonb -> 'items'`)
    .replace("$1::jsonb -> 'files'", `'${varying.replaceAll("'", "''")}'::jsonb -> 'files'`)
    .replace("$2::bytea", `convert_to('${payload.replaceAll("'", "''")}', 'UTF8')`);
  if (sql.includes("$1") || sql.includes("$2")) throw new Error("parameter left in the pgbench statement");
  return `\\set r random(1, 999999999999)\n${sql.replace(/--[^\n]*/g, "").trim()};\n`;
}
