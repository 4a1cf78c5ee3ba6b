// The app on its own database, with known tokens, for supertest.
import { randomBytes } from "node:crypto";
import type express from "express";
import { createApp } from "../../src/http/create-app.js";
import type { VodClient } from "../../src/vod/client.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "./test-database.js";

export interface TestApp {
  app: express.Express;
  db: TestDatabase;
  callbackToken: string;
  signKey: string | null;
  apiToken: string;
  adminToken: string;
  callbackPath: string;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    signKey?: string;
    callbackToken?: boolean;
    mode?: "postgresql" | "embedded";
    vod?: VodClient | null;
    vodCredentials?: { secretId: string; secretKey: string };
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase({ mode: options.mode });
  const callbackToken = `cb_${randomBytes(8).toString("hex")}`;
  const useToken = options.callbackToken ?? true;
  const apiToken = `api_${randomBytes(8).toString("hex")}`;
  const adminToken = `adm_${randomBytes(8).toString("hex")}`;
  const app = createApp({
    db,
    logger: silentLogger,
    callbackAuth: { tokens: useToken ? [callbackToken] : [], signKeys: options.signKey ? [options.signKey] : [] },
    tokens: { api: [apiToken], admin: [adminToken] },
    vod: options.vod ?? null,
    vodCredentials: options.vodCredentials ?? null,
  });
  return {
    app,
    db,
    callbackToken,
    signKey: options.signKey ?? null,
    apiToken,
    adminToken,
    callbackPath: useToken ? `/callbacks/vod?token=${callbackToken}` : "/callbacks/vod",
    close: () => db.close(),
  };
}
