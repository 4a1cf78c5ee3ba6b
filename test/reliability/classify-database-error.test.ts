// classifyDatabaseError on the errors pg and Prisma really throw, each provoked on the local PostgreSQL (no
// hand-made error objects): codes decide, never message text. A wrong password (28P01) cannot be provoked here:
// the test server trusts every local connection (pg_hba.conf), so a missing database and a missing role stand in
// for the configuration errors.
import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";
import { classifyDatabaseError } from "../../src/db/classify-database-error.js";
import { createPrisma } from "../../src/db/create-prisma.js";
import { createTestDatabase, silentLogger, withDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const serverUrl = () => process.env.TEST_DATABASE_URL as string;

/** The error `work` rejects with (fails the test when it resolves). */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

async function connected(url = db.url): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A pool and a Prisma client of the service on `url`; `use` runs with both, then they close. */
async function withService<T>(url: string, use: (handle: ReturnType<typeof createPrisma>) => Promise<T>): Promise<T> {
  const handle = createPrisma({ url, poolSize: 1, logger: silentLogger });
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

describe("classifyDatabaseError", () => {
  test("calls a database that does not exist misconfigured, from pg and from Prisma, naming DATABASE_URL", async () => {
    const url = withDatabase(serverUrl(), `missing_${randomBytes(4).toString("hex")}`);
    await withService(url, async ({ pool, prisma }) => {
      for (const error of [
        await failureOf(() => pool.query("SELECT 1")),
        await failureOf(() => prisma.upload.count()),
      ]) {
        expect(classifyDatabaseError(error)).toEqual({
          kind: "misconfigured",
          reason: expect.stringContaining("DATABASE_URL"),
        });
      }
    });
  });

  test("calls a role that does not exist misconfigured, from pg and from Prisma", async () => {
    const url = new URL(serverUrl());
    url.username = `nobody_${randomBytes(4).toString("hex")}`;
    await withService(url.toString(), async ({ pool, prisma }) => {
      for (const error of [
        await failureOf(() => pool.query("SELECT 1")),
        await failureOf(() => prisma.$queryRawUnsafe("SELECT 1")),
      ]) {
        expect(classifyDatabaseError(error)?.kind).toBe("misconfigured");
      }
    });
  });

  test("calls a refused connection unavailable, from pg and from Prisma", async () => {
    await withService(`postgresql://postgres@127.0.0.1:${await deadPort()}/postgres`, async ({ pool, prisma }) => {
      for (const error of [
        await failureOf(() => pool.query("SELECT 1")),
        await failureOf(() => prisma.upload.count()),
      ]) {
        expect(classifyDatabaseError(error)?.kind).toBe("unavailable");
      }
    });
  });

  test("calls a pool with no free connection in time unavailable, though pg gives that error no code of its own", async () => {
    await withService(db.url, async ({ pool }) => {
      const held = await pool.connect();
      try {
        expect(classifyDatabaseError(await failureOf(() => pool.query("SELECT 1")))?.kind).toBe("unavailable");
      } finally {
        held.release();
      }
    });
  }, 10_000);

  test("calls a connection killed by the server unavailable, both the kill and the next query on that connection", async () => {
    await withService(db.url, async ({ pool }) => {
      const client = await pool.connect();
      const killed = new Promise<unknown>((resolve) => client.once("error", resolve));
      const admin = await connected();
      try {
        await admin.query("SELECT pg_terminate_backend($1)", [(client as unknown as { processID: number }).processID]);
        expect(classifyDatabaseError(await killed)?.kind).toBe("unavailable"); // 57P01
        expect(classifyDatabaseError(await failureOf(() => client.query("SELECT 1")))?.kind).toBe("unavailable");
      } finally {
        client.release(true);
        await admin.end();
      }
    });
  });

  test("calls a statement cancelled by statement_timeout unavailable, not retryable", async () => {
    const client = await connected();
    try {
      await client.query("SET statement_timeout = 50");
      const error = await failureOf(() => client.query("SELECT pg_sleep(2)"));
      expect([(error as { code?: string }).code, classifyDatabaseError(error)?.kind]).toEqual(["57014", "unavailable"]);
    } finally {
      await client.end();
    }
  });

  test("calls a deadlock retryable", async () => {
    const [first, second] = [await connected(), await connected()];
    try {
      await first.query("CREATE TABLE deadlock_probe (id int PRIMARY KEY); INSERT INTO deadlock_probe VALUES (1), (2)");
      await first.query("BEGIN; UPDATE deadlock_probe SET id = id WHERE id = 1");
      await second.query("BEGIN; UPDATE deadlock_probe SET id = id WHERE id = 2");
      const firstWaits = first.query("UPDATE deadlock_probe SET id = id WHERE id = 2").then(
        () => null,
        (error: unknown) => error,
      );
      const secondWaits = second.query("UPDATE deadlock_probe SET id = id WHERE id = 1").then(
        () => null,
        (error: unknown) => error,
      );
      const [a, b] = await Promise.all([firstWaits, secondWaits]);
      const loser = a ?? b;
      expect([(loser as { code?: string }).code, classifyDatabaseError(loser)?.kind]).toEqual(["40P01", "retryable"]);
    } finally {
      await first.query("ROLLBACK").catch(() => undefined);
      await second.query("ROLLBACK").catch(() => undefined);
      await first.query("DROP TABLE IF EXISTS deadlock_probe");
      await Promise.all([first.end(), second.end()]);
    }
  });

  test("calls a serialization failure in a Prisma transaction retryable", async () => {
    const upload = await db.prisma.upload.create({
      data: { id: `u_${randomBytes(6).toString("hex")}`, status: "PENDING" },
    });
    const other = await connected();
    try {
      const error = await failureOf(() =>
        db.prisma.$transaction(
          async (tx) => {
            await tx.upload.findUnique({ where: { id: upload.id } }); // the snapshot is taken here
            await other.query(`UPDATE "Upload" SET "name" = 'changed elsewhere' WHERE "id" = $1`, [upload.id]);
            await tx.upload.update({ where: { id: upload.id }, data: { name: "changed here" } });
          },
          { isolationLevel: "RepeatableRead" },
        ),
      );
      expect(classifyDatabaseError(error)?.kind).toBe("retryable");
    } finally {
      await other.end();
    }
  });

  test("leaves other failures alone: a statement error (division by zero), and an error that only says ECONNREFUSED in its text", async () => {
    const client = await connected();
    try {
      const divided = await failureOf(() => client.query("SELECT 1/0"));
      expect(classifyDatabaseError(divided)).toBeNull();
    } finally {
      await client.end();
    }
    expect(
      classifyDatabaseError(new Error("connect ECONNREFUSED 127.0.0.1:5432; Connection terminated unexpectedly")),
    ).toBeNull();
    expect(classifyDatabaseError(new TypeError("Cannot read properties of undefined"))).toBeNull();
  });
});
