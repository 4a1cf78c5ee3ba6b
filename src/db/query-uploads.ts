// The hot reads (create-upload-reader.ts) run on `pg`, on the very pool Prisma's adapter uses, and everything else
// goes through Prisma. Why: with the statements batched, Prisma's raw path still cost ~70 µs of CPU per upload
// row (its adapter and result mapping normalise every value) — measured here at 64 pollers as 360 µs per GET
// through Prisma against 290 µs on pg, 1.4–2.5× the requests/s.
// Rows stay as PostgreSQL wrote them — arrays of text, nothing parsed (upload-text.ts): a page of 50 spent more CPU
// making Dates, row objects and then JSON objects of them than answering (issue 13; bench/results.md).
// A statement with a name runs prepared: each connection parses and plans it once (the status answer's SELECT
// lists, upload-json-parts.ts, cost PostgreSQL ~1–2 ms to parse and plan, more than the batch they serve). Unnamed,
// every run is parsed and planned again. The embedded database (pglite-socket) runs every pooled connection in ONE
// session, where a name one connection prepared is taken for the next (42P05 duplicate_prepared_statement, raised at
// Parse: nothing ran): a pool that answers so is remembered as one session, and its connections are told the
// session holds the names it prepared (node-postgres then sends Bind/Execute only), as src/db/record-event.ts does
// for the hot-path statement. node-postgres keeps what a connection has parsed in connection.parsedStatements (pg
// 8.x, pinned).
import type pg from "pg";

const asText = (text: string) => text;
const types: pg.CustomTypesConfig = { getTypeParser: (() => asText) as pg.CustomTypesConfig["getTypeParser"] };

type Rows = Array<Array<string | null>>;

export async function queryUploads(
  pool: pg.Pool,
  statement: { name?: string; text: string; values: unknown[] },
): Promise<Rows> {
  const query = { ...statement, types, rowMode: "array" as const };
  if (statement.name === undefined) return (await pool.query<Array<string | null>>(query)).rows;
  const prepared = sharedSessions.get(pool);
  if (!prepared) {
    try {
      return (await pool.query<Array<string | null>>(query)).rows;
    } catch (error) {
      if (!isDuplicateName(error)) throw error;
      sharedSessions.set(pool, new Set([statement.name]));
    }
  }
  return runInSharedSession(pool, query as typeof query & { name: string });
}

/** Pools whose connections share one session (the embedded database), with the statement names it has prepared. */
const sharedSessions = new WeakMap<pg.Pool, Set<string>>();

// 42P05 duplicate_prepared_statement.
const isDuplicateName = (error: unknown) => (error as { code?: unknown }).code === "42P05";

interface ParsedStatements {
  connection?: { parsedStatements?: Record<string, string> };
}

async function runInSharedSession(pool: pg.Pool, query: pg.QueryArrayConfig & { name: string }): Promise<Rows> {
  const prepared = sharedSessions.get(pool) as Set<string>;
  const client = await pool.connect();
  try {
    const parsed = (client as unknown as ParsedStatements).connection?.parsedStatements;
    if (!parsed) return (await client.query<Array<string | null>>({ ...query, name: undefined })).rows;
    if (prepared.has(query.name)) parsed[query.name] = query.text;
    try {
      const { rows } = await client.query<Array<string | null>>(query);
      prepared.add(query.name);
      return rows;
    } catch (error) {
      if (!isDuplicateName(error)) throw error;
      // Another connection prepared it since: the session holds it now.
      prepared.add(query.name);
      parsed[query.name] = query.text;
      return (await client.query<Array<string | null>>(query)).rows;
    }
  } finally {
    client.release();
  }
}
