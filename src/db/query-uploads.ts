// The hot reads (create-upload-reader.ts) run on `pg`, on the very pool Prisma's adapter uses, and everything else
// goes through Prisma. Why: with the statements batched, Prisma's raw path still cost ~70 µs of CPU per upload
// row (its adapter and result mapping normalise every value) — measured here at 64 pollers as 360 µs per GET
// through Prisma against 290 µs on pg, 1.4–2.5× the requests/s. Rows come back as Prisma's `Upload` type: the
// columns are the same, and int8 (subAppId) is parsed to bigint as Prisma does.
// Unnamed statements on purpose: the embedded database (pglite-socket) runs every pooled connection in ONE session,
// where a statement name prepared by one connection collides with the next ("prepared statement already exists").
// Batching already spreads the parse and plan over the batch.
import pg from "pg";
import type { Upload } from "./generated/client.js";

const INT8_OID = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string): ((value: string) => unknown) =>
    oid === INT8_OID
      ? (value: string) => BigInt(value)
      : (pg.types.getTypeParser(oid, format as "text") as (
          value: string,
        ) => unknown)) as pg.CustomTypesConfig["getTypeParser"],
};

export async function queryUploads<Extra extends object = object>(
  pool: pg.Pool,
  statement: { text: string; values: unknown[] },
): Promise<Array<Upload & Extra>> {
  const result = await pool.query<Upload & Extra>({ ...statement, types });
  return result.rows;
}
