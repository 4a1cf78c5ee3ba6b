// A delivery worker for tests that watch a message reach a local receiver: no configured endpoint, a short
// retry schedule, private addresses allowed (the receiver listens on loopback).
import type { Db } from "../../../src/db/db.js";
import { startNotifications } from "../../../src/notify/start-notifications.js";
import { silentLogger } from "../../support/test-database.js";

export function startTestWorker(db: Db) {
  return startNotifications(db, silentLogger, {
    configEndpoint: null,
    worker: true,
    schedule: [0, 50],
    timeoutMs: 2000,
    allowPrivate: true,
  });
}
