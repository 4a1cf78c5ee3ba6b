// The row POST /v1/uploads/pull starts (issue 15): PENDING, keyed by the pull TaskId VOD answered, until PullComplete
// names the FileId (or the error) — record-pull-event.ts finds it by that TaskId. The URL VOD was asked to fetch is
// kept as metadata.pullSourceUrl (PullComplete does not repeat it; mediaUrl stays VOD's own URL of the file, filled
// by PullComplete, so `ready.playable` never points at the origin).
// VOD may finish the pull before its answer reaches us: the PullComplete then made the row itself (an early event,
// FAILED or UPLOADED with the FileId). We converge on that row instead of making a second: found by the pull key
// (pull-key-sql.ts: the 2017 format's TaskId lacks the AppId prefix), it keeps what the events said and gains only
// what it lacks (name, procedure, contexts, region, subAppId) and the source URL; a PullComplete racing our INSERT
// with the same TaskId makes it a no-op (ON CONFLICT on the partial unique index, pullTaskId IS NOT NULL), and the
// statement runs again to find the row the PullComplete committed.
import type { Db } from "./db.js";
import { pullKey } from "./pull-key-sql.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import { newUploadId } from "../uploads/upload-ref.js";

export interface PendingPullUpload {
  pullTaskId: string;
  sourceUrl: string;
  mediaType: string | null;
  name: string | null;
  procedure: string | null;
  storageRegion: string | null;
  sourceContext: string | null;
  sessionContext: string | null;
  sessionId: string | null;
  subAppId: number | null;
  classId: number | null;
}

export interface PullUploadRow {
  id: string;
  status: UploadStatus;
  fileId: string | null;
  /** false: the PullComplete (or an event about its file) was there first, and the row was completed. */
  created: boolean;
}

const ATTEMPTS = 3;

// $1 TaskId, $2 new id, $3 mediaType, $4 name, $5 procedure, $6 storageRegion, $7 sourceContext, $8 sessionContext,
// $9 sessionId, $10 subAppId, $11 metadata (jsonb: pullSourceUrl, classId).
const statement = `WITH found AS (
  SELECT id FROM "Upload"
  WHERE ${pullKey('"pullTaskId"')} = ${pullKey("$1::text")} AND "pullTaskId" IS NOT NULL
  ORDER BY "createdAt", id LIMIT 1 FOR UPDATE
), filled AS (
  UPDATE "Upload" AS u SET
    -- VOD's answer names the task in full; a 2017-format PullComplete made the row with the AppId left out.
    "pullTaskId" = CASE WHEN EXISTS (SELECT 1 FROM "Upload" o WHERE o."pullTaskId" = $1::text)
      THEN u."pullTaskId" ELSE $1::text END,
    "mediaType" = coalesce(u."mediaType", $3::text),
    name = coalesce(u.name, $4::text),
    procedure = coalesce(u.procedure, $5::text),
    "storageRegion" = coalesce(u."storageRegion", $6::text),
    "sourceContext" = coalesce(u."sourceContext", $7::text),
    "sessionContext" = coalesce(u."sessionContext", $8::text),
    "sessionId" = coalesce(u."sessionId", $9::text),
    "subAppId" = coalesce(u."subAppId", $10::bigint),
    metadata = $11::jsonb || u.metadata,
    "updatedAt" = greatest(u."updatedAt", now())
  FROM found WHERE u.id = found.id
  RETURNING u.id, u.status::text AS status, u."fileId", false AS created
), made AS (
  INSERT INTO "Upload" (id, status, "pullTaskId", "mediaType", name, procedure, "storageRegion", "sourceContext",
    "sessionContext", "sessionId", "subAppId", metadata, "createdAt", "updatedAt")
  SELECT $2::text, 'PENDING', $1::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text,
    $10::bigint, $11::jsonb, now(), now()
  WHERE NOT EXISTS (SELECT 1 FROM found)
  ON CONFLICT ("pullTaskId") WHERE "pullTaskId" IS NOT NULL DO NOTHING
  RETURNING id, status::text AS status, "fileId", true AS created
)
SELECT * FROM filled UNION ALL SELECT * FROM made`;

export async function createPendingPullUpload(db: Db, pending: PendingPullUpload): Promise<PullUploadRow> {
  const metadata = {
    pullSourceUrl: pending.sourceUrl,
    ...(pending.classId !== null ? { classId: pending.classId } : {}),
  };
  const values = [
    pending.pullTaskId,
    newUploadId(),
    pending.mediaType,
    pending.name,
    pending.procedure,
    pending.storageRegion,
    pending.sourceContext,
    pending.sessionContext,
    pending.sessionId,
    pending.subAppId,
    JSON.stringify(metadata),
  ];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const [row] = (await db.pool.query<PullUploadRow>(statement, values)).rows;
    // None: a PullComplete inserted the task's row after our snapshot; the next run finds it.
    if (row) return row;
  }
  throw new Error(`no upload row for pull task ${pending.pullTaskId} after ${ATTEMPTS} attempts`);
}
