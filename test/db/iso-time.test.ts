// isoTime turns PostgreSQL's text of a timestamptz into exactly what Date#toISOString gives, in the session time
// zone the service runs with (UTC: the fast path) and in any other (pg's parser).
import pg from "pg";
import { isoTime } from "../../src/db/iso-time.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
});
afterAll(() => db.close());

// Every millisecond count's shape (0 to 3 digits once trailing zeros go), leap days, the ends of the years we hold.
const times = [
  ...[0, 1, 10, 100, 120, 123, 999].map((ms) => Date.UTC(2026, 10, 30, 9, 10, 0, ms)),
  Date.UTC(2024, 1, 29, 23, 59, 59, 5),
  Date.UTC(1970, 0, 1),
  Date.UTC(1000, 0, 1, 0, 0, 0, 50),
  Date.UTC(9999, 11, 31, 23, 59, 59, 999),
];

for (const timeZone of ["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"]) {
  test(`answers toISOString's text for every time PostgreSQL writes in time zone ${timeZone}`, async () => {
    const client = new pg.Client({ connectionString: db.url, options: `-c timezone=${timeZone}` });
    await client.connect();
    try {
      const { rows } = await client.query<[string]>({
        text: `SELECT (to_timestamp(t / 1000.0))::timestamptz(3)::text FROM unnest($1::float8[]) AS t`,
        values: [times],
        rowMode: "array",
      });
      expect(rows.map(([text]) => isoTime(text))).toEqual(times.map((time) => new Date(time).toISOString()));
    } finally {
      await client.end();
    }
  });
}
