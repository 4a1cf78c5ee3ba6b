// The hot reads (create-upload-reader.ts) run on `pg`, on the very pool Prisma's adapter uses, and everything else
// goes through Prisma. Why: with the statements batched, Prisma's raw path still cost ~70 µs of CPU per upload
// row (its adapter and result mapping normalise every value) — measured here at 64 pollers as 360 µs per GET
// through Prisma against 290 µs on pg, 1.4–2.5× the requests/s.
// Rows stay as PostgreSQL wrote them — arrays of text, nothing parsed (upload-text.ts): a page of 50 spent more CPU
// making Dates, row objects and then JSON objects of them than answering (issue 13; bench/results.md).
// Unnamed statements on purpose: the embedded database (pglite-socket) runs every pooled connection in ONE session,
// where a statement name prepared by one connection collides with the next ("prepared statement already exists").
// Batching already spreads the parse and plan over the batch.
import type pg from "pg";

const asText = (text: string) => text;
const types: pg.CustomTypesConfig = { getTypeParser: (() => asText) as pg.CustomTypesConfig["getTypeParser"] };

export async function queryUploads(
  pool: pg.Pool,
  statement: { text: string; values: unknown[] },
): Promise<Array<Array<string | null>>> {
  const result = await pool.query<Array<string | null>>({ ...statement, types, rowMode: "array" });
  return result.rows;
}
