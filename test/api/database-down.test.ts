// Database unreachable → 503 and nothing acknowledged (DESIGN §6): VOD (or the puller) must deliver again later.
import net from "node:net";
import request from "supertest";
import { createPrisma } from "../../src/db/create-prisma.js";
import { createApp } from "../../src/http/create-app.js";
import { silentLogger } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

/** A port where nothing listens: take one from the OS, then close it. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("a callback answers 503 database_unavailable when the database cannot be reached, and /readyz answers 503", async () => {
  const handle = createPrisma({
    url: `postgresql://postgres@127.0.0.1:${await deadPort()}/postgres`,
    poolSize: 2,
    logger: silentLogger,
  });
  const app = createApp({
    db: handle,
    logger: silentLogger,
    callbackAuth: { tokens: ["tok"], signKeys: [] },
    tokens: { api: ["api"], admin: ["adm"] },
  });
  try {
    const response = await request(app).post("/callbacks/vod?token=tok").send(v3NewFileUpload());
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe("database_unavailable");
    const ready = await request(app).get("/readyz");
    expect(ready.status).toBe(503);
  } finally {
    await handle.close();
  }
});

test("the app and admin APIs answer 503 database_unavailable, not 500, when the database cannot be reached", async () => {
  const handle = createPrisma({
    url: `postgresql://postgres@127.0.0.1:${await deadPort()}/postgres`,
    poolSize: 2,
    logger: silentLogger,
  });
  const app = createApp({
    db: handle,
    logger: silentLogger,
    callbackAuth: { tokens: ["tok"], signKeys: [] },
    tokens: { api: ["api"], admin: ["adm"] },
  });
  try {
    // The polled reads (on pg), a list page, and an admin lookup (through Prisma): both drivers' errors.
    for (const [path, token] of [
      ["/v1/uploads/5285890784246869228", "api"],
      ["/v1/uploads?status=PROCESSED", "api"],
      ["/admin/uploads/5285890784246869228/events", "adm"],
    ] as const) {
      const response = await request(app).get(path).set("authorization", `Bearer ${token}`);
      expect({ path, status: response.status, code: response.body.error?.code }).toEqual({
        path,
        status: 503,
        code: "database_unavailable",
      });
    }
  } finally {
    await handle.close();
  }
});
