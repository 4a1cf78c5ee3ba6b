-- A callback's payload is compressed with lz4 instead of pglz where the server has lz4 (issue 14). A task flow's
-- result (ProcedureStateChanged with its outputs, ~5 KB) is the one payload past the TOAST threshold (~2 KB):
-- compressing it with pglz was ~6 % of PostgreSQL's CPU on the hot path with a third of such events, lz4 costs
-- a fraction of that (the mixed group statement at groups of 32: ~14-23 µs less PostgreSQL CPU per event of ~195)
-- and reads back faster.
-- Written by hand: Prisma's schema cannot express a column's compression, and prisma migrate diff sees no change.
-- Stored values keep their method (each value records its own; both read back alike), so this rewrites nothing: a
-- catalog change under a brief lock on VodEvent.
-- PostgreSQL built without lz4 (the embedded PGlite: "compression method lz4 not supported") keeps pglz.
DO $$
BEGIN
  IF 'lz4' = ANY ((SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression')::text[]) THEN
    ALTER TABLE "VodEvent" ALTER COLUMN "payload" SET COMPRESSION lz4, ALTER COLUMN "payloadText" SET COMPRESSION lz4;
  END IF;
END $$;
