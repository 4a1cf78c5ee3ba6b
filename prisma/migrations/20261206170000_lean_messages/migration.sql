-- Writing notification messages made cheaper for the hot path (the group statement writes ~1.8 per event):
--
-- No foreign key from NotifyMessage to NotifyEndpoint: its check ran a query per inserted message that took FOR KEY
-- SHARE on the endpoint's row (a MultiXact whenever two statements held it). The statement now takes that lock once,
-- on the endpoints it reads (record-events-sql.ts, writeMessages), and deleting an endpoint deletes its messages in
-- its own transaction after it (notify-endpoint-store.ts), so no message is left naming a missing endpoint.
ALTER TABLE "NotifyMessage" DROP CONSTRAINT "NotifyMessage_endpointId_fkey";

-- (status, updatedAt) served no query. Recover (failed messages of one endpoint since a time) has a partial index:
-- by hand (Prisma's schema cannot express one). Messages are written pending, so the hot path never touches it.
DROP INDEX "NotifyMessage_status_updatedAt_idx";
CREATE INDEX "NotifyMessage_failed_idx" ON "NotifyMessage"("endpointId", "createdAt") WHERE "status" = 'failed';

-- A message without the snapshot finds its change's by (uploadId, sequence) (claim-messages.ts): the per-upload index
-- is keyed so (it was (uploadId, id); a page of one upload's messages sorts its few rows by id). Equality on both
-- columns is what the planner picks even before the table has statistics: with (uploadId, id) it read the whole
-- (endpointId, id) index for each message of a fresh, fast-growing table (3 ms each).
DROP INDEX "NotifyMessage_uploadId_id_idx";
CREATE INDEX "NotifyMessage_uploadId_sequence_idx" ON "NotifyMessage"("uploadId", "sequence");
