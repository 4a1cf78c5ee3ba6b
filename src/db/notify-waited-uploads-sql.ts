// Wake-ups for long polls across processes (issue 16 §5): a statement that changes uploads sends ONE notification on
// `vod_tracker_upload` naming those of them someone waits on (a row in UploadWait, create-upload-watch.ts), and
// none when nobody waits on any: with the table empty, the uncorrelated EXISTS is one InitPlan and the rest is
// skipped. Sent at commit, like every NOTIFY; listen-for-upload-changes.ts hears it in the other processes.
// The payload is a JSON array of FileIds or upload ids. NOTIFY refuses a payload of 8000 bytes or more (and would
// fail the statement with it): a longer list is sent empty, which means "re-read every wait".

export const uploadChangesChannel = "vod_tracker_upload";

/** Payloads at least this long (bytes) are sent empty. */
export const maxPayloadBytes = 7900;

/** A scalar sub-SELECT notifying the waited `column` values of `from` (a CTE or table alias of the statement). */
export function notifyWaitedUploads(from: string, column: "fileId" | "id"): string {
  const key = column === "fileId" ? `"fileId"` : `"uploadId"`;
  return `(SELECT count(pg_notify('${uploadChangesChannel}', CASE WHEN octet_length(w.refs) < ${maxPayloadBytes} THEN w.refs ELSE '' END))
   FROM (SELECT jsonb_agg(DISTINCT ${from}."${column}")::text AS refs FROM ${from}
         WHERE EXISTS (SELECT 1 FROM "UploadWait") AND ${from}."${column}" IN (SELECT ${key} FROM "UploadWait")) w
   WHERE w.refs IS NOT NULL)`;
}

/** The same for a write path outside the hot path, run inside its transaction: $1 = the changed uploads' FileIds
 *  and ids (text[]), notified when waited by either. */
export const notifyWaitedRefsSql = `SELECT count(pg_notify('${uploadChangesChannel}', CASE WHEN octet_length(w.refs) < ${maxPayloadBytes} THEN w.refs ELSE '' END))::int AS sent
  FROM (SELECT jsonb_agg(DISTINCT r.ref)::text AS refs FROM unnest($1::text[]) AS r(ref)
        WHERE EXISTS (SELECT 1 FROM "UploadWait")
          AND (r.ref IN (SELECT "fileId" FROM "UploadWait") OR r.ref IN (SELECT "uploadId" FROM "UploadWait"))) w
  WHERE w.refs IS NOT NULL`;
