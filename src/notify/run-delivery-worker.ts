// The delivery worker (issue 16 §3): claims due messages in batches (claim-messages.ts: any number of workers in any
// number of replicas, each message to one at a time; a new message's body rendered by its first claim and stored
// with that attempt's outcome), signs, POSTs through the endpoint's keep-alive agent (endpoint-agents.ts: each new
// connection checked where the endpoint's host resolves now) and records the attempts in batches
// (create-attempt-recorder.ts). At most `concurrency` messages are in hand, claimed and not yet answered; it claims
// again once a quarter of them is free (two claims may overlap), so one hanging endpoint holds its messages' slots
// for at most its timeout, never the worker. No order is promised beyond the claim's (due time, then id): a receiver
// orders an upload's messages by `sequence`. It polls every `pollMs` when nothing is due; wake() (an in-process
// enqueue, a NOTIFY) ends the wait.
// Every failure, the database's included, leaves the message to a later try: the lease runs out and it is claimed
// again, with the same webhook-id.
import { randomUUID } from "node:crypto";
import { claimMessages, type ClaimedMessage, type MessageToRender } from "../db/claim-messages.js";
import type { Db } from "../db/db.js";
import type { Logger } from "../logger.js";
import { createAttemptRecorder } from "./create-attempt-recorder.js";
import { deliverMessage } from "./deliver-message.js";
import { createEndpointAgents } from "./endpoint-agents.js";
import type { NotifyMetrics } from "./notify-metrics.js";
import { batchRenderer } from "./render-message-body.js";
import { startBacklogGauge } from "./start-backlog-gauge.js";
import type { LookupAll } from "./resolve-endpoint-address.js";

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
  /** Messages in hand at once (claimed, not yet answered). */
  concurrency?: number;
  /** Open connections per endpoint at most. */
  socketsPerEndpoint?: number;
  pollMs?: number;
  metrics?: NotifyMetrics;
  /** How endpoint host names resolve (tests); the system resolver otherwise. */
  lookup?: LookupAll;
}

export interface DeliveryWorker {
  stop: () => void;
  wake: () => void;
  /** Resolves when stopped and every attempt in flight is recorded. */
  done: Promise<void>;
}

export const DEFAULT_DELIVERY_CONCURRENCY = 64;
export const DEFAULT_SOCKETS_PER_ENDPOINT = 32;
const RECORDS_PER_SLOT = 4;
const MAX_CLAIMS = 2;

export function runDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, logger } = options;
  const leaseMs = options.leaseMs ?? options.timeoutMs + 30_000;
  const concurrency = options.concurrency ?? DEFAULT_DELIVERY_CONCURRENCY;
  const claimAt = Math.max(1, Math.floor(concurrency / 4));
  const pollMs = options.pollMs ?? 500;
  const agents = createEndpointAgents({
    allowPrivate: options.allowPrivate,
    maxSockets: options.socketsPerEndpoint ?? DEFAULT_SOCKETS_PER_ENDPOINT,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const recorder = createAttemptRecorder(db);
  const deliver = deliverMessage({ ...options, agents, recorder });
  let stopped = false;
  // Something may be due: set by wake() (new messages) and the poll, cleared when a claim starts; and the last claim
  // to answer took all it asked for, so more is surely due.
  let due = true;
  let backlogged = false;
  let signal: (() => void) | null = null;
  /** Runs the loop once more: a slot freed, a claim ended. */
  const poke = () => signal?.();
  const wakeUp = () => {
    due = true;
    poke();
  };
  // Slots taken: the messages in hand and what a running claim may bring (its limit, until it answers).
  let inHand = 0;
  let claiming = 0;
  // Attempts made, their records not yet stored: at most RECORDS_PER_SLOT × concurrency before claiming waits.
  let recording = 0;
  const running = new Set<Promise<void>>();

  /** One per claim: the messages of a change in its batch share their data (render-message-body.ts). */
  const renderer = () => {
    const renderBody = batchRenderer();
    return (message: MessageToRender): string | null => {
      try {
        return renderBody(message);
      } catch (error) {
        // Claimed all the same: its attempt is recorded without a POST (deliver-message.ts), on the schedule.
        logger.error({ err: error, messageId: String(message.id) }, "notification body not rendered");
        return null;
      }
    };
  };

  async function deliverBatch(batch: ClaimedMessage[]): Promise<void> {
    await Promise.all(
      batch.map(async (message) => {
        let slot = true;
        const release = () => {
          if (!slot) return;
          slot = false;
          inHand -= 1;
          recording += 1;
          poke();
        };
        try {
          await deliver(message, release);
        } catch (error) {
          // The lease runs out and the message is tried again: at least once, never lost.
          logger.error({ err: error, messageId: String(message.id) }, "notification attempt not recorded");
        } finally {
          release();
          recording -= 1;
          poke();
        }
      }),
    );
  }

  /** Claims up to `limit` in the background; two claims may overlap (SKIP LOCKED keeps them apart). */
  function claim(limit: number): void {
    inHand += limit;
    claiming += 1;
    const task = claimMessages(db, {
      limit,
      leaseMs,
      claimToken: randomUUID(),
      render: renderer(),
      maxAttempts: options.schedule.length,
    })
      .then(
        (batch) => {
          inHand -= limit - batch.length;
          backlogged = batch.length === limit;
          claiming -= 1;
          poke();
          return deliverBatch(batch);
        },
        (error: unknown) => {
          // Not due again before the poll: a database that is down is not asked in a loop.
          inHand -= limit;
          claiming -= 1;
          logger.error({ err: error }, "claiming notifications failed; trying again");
        },
      )
      .finally(() => running.delete(task));
    running.add(task);
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      const room = concurrency - inHand;
      const more = due || backlogged;
      if (more && room >= claimAt && claiming < MAX_CLAIMS && recording < concurrency * RECORDS_PER_SLOT) {
        due = false;
        claim(room);
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          due = true;
          resolve();
        }, pollMs);
        signal = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      signal = null;
    }
    while (running.size > 0) await Promise.all(running);
  }

  const stopGauge = options.metrics ? startBacklogGauge(db, options.metrics) : () => undefined;
  const done = loop().finally(() => {
    stopGauge();
    agents.close();
  });
  return {
    stop: () => {
      stopped = true;
      wakeUp();
    },
    wake: wakeUp,
    done,
  };
}
