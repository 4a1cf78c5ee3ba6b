// The delivery worker (issue 16 §3): claims due messages (claim-messages.ts: any number of workers in any number
// of replicas, each message to one at a time), checks where the endpoint's host resolves now, signs, POSTs, and
// records the attempt. Up to `concurrency` messages are in flight; a slot that frees is filled at once, so one
// hanging endpoint holds one slot for at most its timeout, never the worker. It polls every `pollMs` when there is
// nothing due; wake() (an in-process enqueue) ends the wait early. Every failure, the database's included, leaves
// the message to a later try: the lease runs out and it is claimed again, with the same webhook-id.
import { randomUUID } from "node:crypto";
import { claimMessages, type ClaimedMessage } from "../db/claim-messages.js";
import type { Db } from "../db/db.js";
import { fillMessageBody } from "../db/fill-message-body.js";
import { oldestPendingAgeSeconds } from "../db/notify-message-store.js";
import { recordAttempt } from "../db/record-attempt.js";
import type { Logger } from "../logger.js";
import { decideAttempt } from "./decide-attempt.js";
import type { NotifyMetrics } from "./notify-metrics.js";
import { postNotification, type PostOutcome } from "./post-notification.js";
import { resolveEndpointAddress } from "./resolve-endpoint-address.js";
import { signNotification } from "./sign-notification.js";

export interface DeliveryWorkerOptions {
  db: Db;
  logger: Logger;
  /** Delay before each attempt (retry-schedule.ts). */
  schedule: readonly number[];
  /** The whole exchange with the endpoint, connect to last byte kept. */
  timeoutMs: number;
  allowPrivate: boolean;
  /** How long a claim holds a message: longer than the timeout, so only a dead worker's messages are taken again. */
  leaseMs?: number;
  concurrency?: number;
  pollMs?: number;
  metrics?: NotifyMetrics;
  /** The body of a message the hot path wrote (it carries the upload's row): rendered once, then kept. */
  renderBody?: (message: ClaimedMessage) => Promise<string>;
}

export interface DeliveryWorker {
  stop: () => void;
  wake: () => void;
  /** Resolves when stopped and every attempt in flight is recorded. */
  done: Promise<void>;
}

const BACKLOG_GAUGE_INTERVAL_MS = 5000;

export function runDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, logger, schedule, timeoutMs, allowPrivate } = options;
  const leaseMs = options.leaseMs ?? timeoutMs + 30_000;
  const concurrency = options.concurrency ?? 8;
  const pollMs = options.pollMs ?? 500;
  let stopped = false;
  let wakeUp: () => void = () => undefined;
  const inFlight = new Set<Promise<void>>();

  async function deliver(message: ClaimedMessage): Promise<void> {
    const body = message.body ?? (await bodyOf(message));
    const url = new URL(message.url);
    let result: PostOutcome | { kind: "refused"; error: string };
    if (url.protocol !== "https:" && !allowPrivate) {
      result = { kind: "refused", error: "plain http is refused (ALLOW_PRIVATE_ENDPOINTS=false)" };
    } else {
      const resolved = await resolveEndpointAddress(url.hostname, { allowPrivate });
      if (!resolved.ok) {
        result = { kind: "refused", error: `refused: ${resolved.reason}` };
      } else {
        const headers = signNotification(message.secrets, {
          webhookId: message.webhookId,
          timestamp: new Date(),
          body,
        });
        result = await postNotification({
          url: message.url,
          address: resolved.address,
          headers: { ...headers },
          body,
          timeoutMs,
        });
      }
    }
    const decision = decideAttempt(result, message.attempt, schedule);
    const latencyMs = "latencyMs" in result ? result.latencyMs : 0;
    await recordAttempt(db, {
      messageId: message.id,
      endpointId: message.endpointId,
      claimToken: message.claimToken,
      ...decision,
      httpStatus: result.kind === "answered" ? result.status : null,
      latencyMs,
      // PostgreSQL text cannot hold NUL.
      response: result.kind === "answered" ? result.body.replaceAll("\u0000", "\uFFFD") : null,
      error: result.kind === "answered" ? null : result.error,
    });
    options.metrics?.observeAttempt({ outcome: decision.outcome, seconds: latencyMs / 1000 });
    if (decision.disableEndpoint) logger.warn({ endpointId: message.endpointId }, "endpoint answered 410: disabled");
  }

  async function bodyOf(message: ClaimedMessage): Promise<string> {
    if (!options.renderBody) throw new Error(`message ${message.id} has no body and no renderer`);
    return fillMessageBody(db, message.id, await options.renderBody(message));
  }

  function start(message: ClaimedMessage) {
    const attempt = deliver(message)
      .catch((error: unknown) =>
        // The lease runs out and the message is tried again: at least once, never lost.
        logger.error({ err: error, messageId: String(message.id) }, "notification attempt not recorded"),
      )
      .finally(() => {
        inFlight.delete(attempt);
        wakeUp();
      });
    inFlight.add(attempt);
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      const room = concurrency - inFlight.size;
      let claimed = 0;
      if (room > 0) {
        try {
          const batch = await claimMessages(db, { limit: room, leaseMs, claimToken: randomUUID() });
          claimed = batch.length;
          for (const message of batch) start(message);
        } catch (error) {
          logger.error({ err: error }, "claiming notifications failed; trying again");
        }
      }
      if (room > 0 && claimed === room) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = () => undefined;
    }
    await Promise.all(inFlight);
  }

  const gauge = options.metrics
    ? setInterval(() => {
        oldestPendingAgeSeconds(db)
          .then((age) => options.metrics?.setBacklogAge(age))
          .catch(() => undefined);
      }, BACKLOG_GAUGE_INTERVAL_MS).unref()
    : null;

  const done = loop().finally(() => {
    if (gauge) clearInterval(gauge);
  });
  return {
    stop: () => {
      stopped = true;
      wakeUp();
    },
    wake: () => wakeUp(),
    done,
  };
}
