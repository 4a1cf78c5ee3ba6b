-- A message's row passes the TOAST threshold (~2 KB) once the claim stores its body (~1.7 KB) beside the snapshot
-- (~1.7 KB as jsonb, on the first message of a change): both were compressed with pglz at every claim. lz4 where the
-- server has it, as VodEvent's payload (migration 20261206140000_event_payload_lz4, which says why and how).
-- Written by hand: Prisma's schema cannot express a column's compression. Stored values keep their method.
-- PostgreSQL built without lz4 (the embedded PGlite) keeps pglz.
DO $$
BEGIN
  IF 'lz4' = ANY ((SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression')::text[]) THEN
    ALTER TABLE "NotifyMessage" ALTER COLUMN "body" SET COMPRESSION lz4, ALTER COLUMN "snapshot" SET COMPRESSION lz4;
  END IF;
END $$;
