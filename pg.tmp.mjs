import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create();
const d = Number(process.argv[2]);
const s = "[".repeat(d) + "]".repeat(d);
try { await db.query("select $1::jsonb is not null as ok", [s]); console.log(d, "ok"); }
catch (e) { console.log(d, "fail", e.message); }
for (const s of ['"a\\u0000b"', '"\\ud800"', '"\\ud83d\\ude00"', '{"\\u0000":1}']) {
  try { await db.query("select $1::jsonb as v", [s]); console.log(s, "ok"); } catch (e) { console.log(s, "fail", e.message); }
}
console.log((await db.query("show max_stack_depth")).rows);
