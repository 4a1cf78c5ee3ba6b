// upload-columns.ts is the one list the rule's state, the SQL rule and the Upload JSON are derived from: it must
// say what the migrations built, column for column.
import { uploadColumns, type ColumnKind } from "../../src/uploads/upload-columns.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const kindOfType: Record<string, ColumnKind> = {
  text: "text",
  integer: "int",
  bigint: "bigint",
  "timestamp with time zone": "timestamptz",
  jsonb: "jsonb",
  "USER-DEFINED": "enum",
};

describe("the Upload column list", () => {
  test("names every column of the migrated Upload table, in its order, with its kind and nullability", async () => {
    const { rows } = await db.pool.query<{ column_name: string; data_type: string; is_nullable: "YES" | "NO" }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'Upload' ORDER BY ordinal_position`,
    );
    const table = rows.map((row) => ({
      name: row.column_name,
      kind: kindOfType[row.data_type] ?? row.data_type,
      nullable: row.is_nullable === "YES",
    }));
    const listed = Object.entries(uploadColumns).map(([name, column]) => ({
      name,
      kind: column.kind,
      nullable: column.nullable,
    }));
    expect(listed).toEqual(table);
  });
});
