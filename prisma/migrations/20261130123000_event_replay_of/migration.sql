-- A row recording an admin replay names the event it replayed, so an event shows its replays (an invalid one fixed
-- by a replay after a parser change). Written with prisma migrate diff, the index made partial by hand.
-- AlterTable
ALTER TABLE "VodEvent" ADD COLUMN     "replayOf" BIGINT;

-- CreateIndex, partial (by hand: Prisma's schema cannot say so): only replay rows have a replayOf, and an index
-- entry for every NULL would cost each stored event an extra B-tree insert.
CREATE INDEX "VodEvent_replayOf_idx" ON "VodEvent"("replayOf") WHERE "replayOf" IS NOT NULL;


-- Backfill: replays recorded before this migration carry the replayed event's key in their own,
-- `replay:<dedupe key>:<36-character uuid>`.
UPDATE "VodEvent" AS r SET "replayOf" = o.id
FROM "VodEvent" AS o
WHERE r.channel = 'replay' AND r."replayOf" IS NULL AND r."dedupeKey" LIKE 'replay:%'
  AND o."dedupeKey" = substring(r."dedupeKey" FROM 8 FOR length(r."dedupeKey") - 7 - 37);
