// A delivery worker in a process of its own (for the crash and two-replica tests): the database and the short
// schedule, timeout and lease come from the environment; it prints "ready" once running and stops on SIGTERM.
import { createPrisma } from "../../../src/db/create-prisma.js";
import { createLogger } from "../../../src/logger.js";
import { runDeliveryWorker } from "../../../src/notify/run-delivery-worker.js";

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const db = createPrisma({ url: env("DATABASE_URL"), poolSize: 4, logger: createLogger({ level: "silent" }) });
const worker = runDeliveryWorker({
  db,
  logger: createLogger({ level: "silent" }),
  schedule: env("SCHEDULE_MS").split(",").map(Number),
  timeoutMs: Number(env("TIMEOUT_MS")),
  leaseMs: Number(env("LEASE_MS")),
  allowPrivate: true,
  pollMs: 20,
  concurrency: 8,
});
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  worker.stop();
  void worker.done.then(() => db.close()).then(() => process.exit(0));
});
