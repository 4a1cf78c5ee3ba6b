// A database that answers but refuses us (no such database, no such role) is a configuration error, not an
// outage: 503 still (nothing stored, VOD delivers again once it is fixed), but under database_misconfigured, and
// /readyz says what to change. A wrong password (28P01) cannot be provoked on the test server, which trusts local
// connections; test/db/classify-database-error.test.ts explains.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { createPrisma } from "../../src/db/create-prisma.js";
import { createApp } from "../../src/http/create-app.js";
import { silentLogger, withDatabase } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

function appOn(url: string) {
  const handle = createPrisma({ url, poolSize: 2, logger: silentLogger });
  const app = createApp({
    db: handle,
    logger: silentLogger,
    callbackAuth: { tokens: ["tok"], signKeys: [] },
    tokens: { api: ["api"], admin: ["adm"] },
  });
  return { app, close: () => handle.close() };
}

const missingDatabaseUrl = () =>
  withDatabase(process.env.TEST_DATABASE_URL as string, `missing_${randomBytes(4).toString("hex")}`);

test("a callback, the app API and the admin API answer 503 database_misconfigured when DATABASE_URL names a database that does not exist", async () => {
  const { app, close } = appOn(missingDatabaseUrl());
  try {
    const callback = await request(app).post("/callbacks/vod?token=tok").send(v3NewFileUpload());
    expect([callback.status, callback.body.error?.code]).toEqual([503, "database_misconfigured"]);
    for (const [path, token] of [
      ["/v1/uploads/5285890784246869228", "api"],
      ["/admin/uploads/5285890784246869228/events", "adm"],
    ] as const) {
      const response = await request(app).get(path).set("authorization", `Bearer ${token}`);
      expect({ path, status: response.status, code: response.body.error?.code }).toEqual({
        path,
        status: 503,
        code: "database_misconfigured",
      });
    }
  } finally {
    await close();
  }
});

test("/readyz answers 503 database_misconfigured naming the missing database and the setting to change", async () => {
  const url = missingDatabaseUrl();
  const { app, close } = appOn(url);
  try {
    const ready = await request(app).get("/readyz");
    expect([ready.status, ready.body.error?.code]).toEqual([503, "database_misconfigured"]);
    // The reason is for the operator: the database's name and the variable that holds it.
    expect(ready.body.error.message).toContain(new URL(url).pathname.slice(1));
    expect(ready.body.error.message).toContain("DATABASE_URL");
  } finally {
    await close();
  }
});

test("/readyz answers 503 database_misconfigured when the role in DATABASE_URL does not exist", async () => {
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.username = `nobody_${randomBytes(4).toString("hex")}`;
  const { app, close } = appOn(url.toString());
  try {
    const ready = await request(app).get("/readyz");
    expect([ready.status, ready.body.error?.code]).toEqual([503, "database_misconfigured"]);
  } finally {
    await close();
  }
});
