// (Reliability suite: it needs a PostgreSQL server to end a backend.) An idle pooled connection that PostgreSQL ends (a restart, an admin's pg_terminate_backend) is logged as one
// warning that says what happened — not pg-pool's whole client, which it hangs on the error (err.client: the
// connection's config, buffers and parsed statements; one such line was 5 KB).
import { Writable } from "node:stream";
import { createPrisma } from "../../src/db/create-prisma.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ mode: "postgresql" });
});
afterAll(() => db.close());

test("logs a lost idle connection with its message and code, without the client", async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  const handle = createPrisma({ url: db.url, poolSize: 1, logger: createLogger({ level: "warn", destination }) });
  try {
    const { rows } = await handle.pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await db.pool.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]);
    for (let i = 0; i < 50 && lines.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as { msg: string; err: Record<string, unknown> };
    expect(line.msg).toBe("idle database connection lost");
    expect(line.err).toMatchObject({ code: "57P01", message: "terminating connection due to administrator command" });
    expect(line.err).not.toHaveProperty("client");
    expect((lines[0] as string).length).toBeLessThan(2000);
  } finally {
    await handle.close();
  }
});
