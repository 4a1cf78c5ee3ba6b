// compactJsonbText (src/http/compact-jsonb-text.ts) against the round trip it replaces, on the text PostgreSQL itself
// writes for jsonb: random JSON values (fast-check) stored as jsonb and read back as text, plus the shapes the
// Upload's jsonb columns hold (metadata, deletedParts, review) and the numbers jsonb keeps as written.
import fc from "fast-check";
import { compactJsonbText } from "../../src/http/compact-jsonb-text.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** PostgreSQL's jsonb text of each JSON text. */
async function jsonbTexts(texts: string[]): Promise<string[]> {
  const { rows } = await db.pool.query<{ t: string }>(
    "SELECT x::jsonb::text AS t FROM unnest($1::text[]) WITH ORDINALITY AS u(x, n) ORDER BY n",
    [texts],
  );
  return rows.map((row) => row.t);
}

const roundTrip = (text: string) => JSON.stringify(JSON.parse(text));

test("gives the round trip's bytes, or null, for random JSON as PostgreSQL writes it", async () => {
  // jsonb refuses NUL and lone surrogates: those values are not generated (they are never stored).
  const value = fc.jsonValue().filter((v) => !/\\u0000|\\ud[89a-f]/i.test(JSON.stringify(v)));
  const samples = fc.sample(value, { numRuns: 2000, seed: 20261206 }).map((v) => JSON.stringify(v));
  const texts = await jsonbTexts(samples);
  let compacted = 0;
  for (const text of texts) {
    const compact = compactJsonbText(text);
    if (compact !== null) {
      compacted += 1;
      expect(compact).toBe(roundTrip(text));
    }
  }
  expect(compacted).toBeGreaterThan(0);
});

test("takes the one pass for values shaped like metadata: named keys, integers, decimals as JavaScript writes them", async () => {
  const leaf = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100),
  );
  const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 6 }),
    ),
  }));
  const samples = fc.sample(value, { numRuns: 1000, seed: 7 }).map((v) => JSON.stringify(v));
  for (const text of await jsonbTexts(samples)) expect(compactJsonbText(text)).toBe(roundTrip(text));
});

test("takes the one pass for the Upload's jsonb columns as the hot path stores them", async () => {
  const metadata = {
    size: 10_485_760,
    duration: 60.5,
    width: 1920,
    height: 1080,
    bitrate: 2_500_000,
    container: "mov,mp4,m4a,3gp,3g2,mj2",
    videoStreamSet: [{ bitrate: 2_400_000, height: 1080, width: 1920, codec: "h264", fps: 30 }],
    deletedParts: [{ type: "TranscodeFiles", definition: 100030 }],
    name: '演示 "quoted" \\ back\nline\t',
  };
  const [text] = await jsonbTexts([JSON.stringify(metadata)]);
  expect(text).toContain(": "); // PostgreSQL's own spacing, which the pass removes
  expect(compactJsonbText(text as string)).toBe(roundTrip(text as string));
});

test("answers null where jsonb keeps a number as written and JavaScript would not, or a key may be an array index", async () => {
  const texts = await jsonbTexts(['{"a": 60.50}', '{"a": 1.0}', '{"a": 12345678901234567890}']);
  for (const text of texts) expect(compactJsonbText(text)).toBeNull();
  const [indexKey] = await jsonbTexts(['{"b": 1, "10": 2}']);
  expect(compactJsonbText(indexKey as string)).toBeNull();
  const [plain] = await jsonbTexts(['{"a": 1, "b": [-2, 0.25, 1500000.125], "c": "60.50 1.0"}']);
  expect(compactJsonbText(plain as string)).toBe(roundTrip(plain as string));
});
