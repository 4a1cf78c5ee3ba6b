// PUSH delivery of one event: POST the JSON body to NotificationUrl; with a SignKey, add top-level "T" (expiry,
// now + 600 s) and "Sign" = md5(SignKey + T) hex (vod-reference §3.1; where they travel is inferred there, the
// emulator puts them in the body). Any non-2xx answer or network error is retried after each delay of
// settings.pushRetryDelaysMs, then given up, as VOD's normal callback may lose events (§3.2). Each attempt is
// appended to state.deliveries.
import { createHash } from "node:crypto";
import type { Delivery, EmulatorState } from "../emulator-state.js";
import { isoSeconds } from "./iso-seconds.js";

/** VOD's default validity of a signed notification. */
export const SIGN_VALIDITY_SECONDS = 600;

export interface PushJob {
  eventId: string;
  eventType: string;
  url: string;
  body: Record<string, unknown>;
  signKey: string;
}

type Detail = { status?: number; error?: string };

export function deliverByPush(state: EmulatorState, job: PushJob, log: (line: string) => void): void {
  const { settings, timers } = state;
  const deliveries = state.deliveries;
  const record = (attempt: number, outcome: Delivery["outcome"], detail: Detail, body = job.body) => {
    const { eventId, eventType, url } = job;
    deliveries.push({ eventId, eventType, url, attempt, at: isoSeconds(Date.now()), outcome, ...detail, body });
  };

  if (!job.url) {
    record(0, "dropped", { error: "no NotificationUrl configured" });
    log(`push ${job.eventType}: no NotificationUrl, event lost`);
    return;
  }
  if (settings.dropNextPushes > 0) {
    settings.dropNextPushes -= 1;
    record(0, "dropped", { error: "dropped on purpose (dropNextPushes)" });
    log(`push ${job.eventType}: dropped on purpose`);
    return;
  }
  let duplicate = settings.duplicateNextPushes > 0;
  if (duplicate) settings.duplicateNextPushes -= 1;

  const attempt = async (number: number): Promise<void> => {
    const body = job.signKey ? { ...job.body, ...signFields(job.signKey) } : job.body;
    let detail: Detail;
    try {
      const response = await fetch(job.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(settings.pushTimeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      detail = { status: response.status };
    } catch (error) {
      detail = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    if (timers.closed) return;
    const delivered = detail.status !== undefined && detail.status >= 200 && detail.status < 300;
    record(number, delivered ? "delivered" : "failed", detail, body);
    log(`push ${job.eventType} attempt ${number}: ${detail.status ?? detail.error}`);
    if (delivered && duplicate) {
      duplicate = false;
      timers.after(0, () => void attempt(number + 1));
      return;
    }
    if (delivered) return;
    const delay = settings.pushRetryDelaysMs[number - 1];
    if (delay === undefined) log(`push ${job.eventType}: giving up after ${number} attempts`);
    else timers.after(delay, () => void attempt(number + 1));
  };
  void attempt(1);
}

function signFields(signKey: string): { Sign: string; T: number } {
  const t = Math.floor(Date.now() / 1000) + SIGN_VALIDITY_SECONDS;
  return { Sign: createHash("md5").update(`${signKey}${t}`).digest("hex"), T: t };
}
