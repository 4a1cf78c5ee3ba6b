-- Fewer index entries per stored callback (issue 13): each B-tree an event or a new upload is written into costs the
-- hot path per event. The DROPs are from prisma migrate diff; the CREATEs are by hand, because Prisma's schema cannot
-- express a partial or a BRIN index (schema.prisma says where each one is). Same names as before. Plain CREATE INDEX:
-- on a large VodEvent table, writes wait while they are built.

-- DropIndex
DROP INDEX "Upload_vodSessionKey_key";

-- DropIndex
DROP INDEX "VodEvent_outcome_id_idx";

-- DropIndex
DROP INDEX "VodEvent_eventType_id_idx";

-- DropIndex
DROP INDEX "VodEvent_receivedAt_idx";

-- Still unique, but only uploads started through this service have a session key: callbacks create uploads
-- without one, and a full index took an entry for each NULL.
CREATE UNIQUE INDEX "Upload_vodSessionKey_key" ON "Upload"("vodSessionKey") WHERE "vodSessionKey" IS NOT NULL;

-- The admin list looks for the rare outcomes (invalid, ignored) and the event types besides the one every upload
-- sends; a filter on the common value finds its page by walking the primary key backwards (src/db/list-vod-events.ts).
CREATE INDEX "VodEvent_outcome_id_idx" ON "VodEvent"("outcome", "id") WHERE "outcome" <> 'applied';
CREATE INDEX "VodEvent_eventType_id_idx" ON "VodEvent"("eventType", "id") WHERE "eventType" <> 'NewFileUpload';

-- receivedAt grows with the table (stamped at arrival), so a block range summary (BRIN) answers prune's "older than"
-- and stats' "last day" from a few pages, and an insert into the newest range changes nothing until it is summarised.
-- autosummarize: autovacuum summarises each range as it fills, so the ranges scanned stay the recent ones.
CREATE INDEX "VodEvent_receivedAt_idx" ON "VodEvent" USING brin ("receivedAt") WITH (autosummarize = on);
