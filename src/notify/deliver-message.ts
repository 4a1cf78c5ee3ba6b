// One attempt at one claimed message (issue 16 §3): plain http is refused unless ALLOW_PRIVATE_ENDPOINTS, a message
// whose body could not be rendered is an attempt without an answer (tried again on the schedule), the body is
// signed for this attempt (the same webhook-id and bytes every time, a fresh timestamp), POSTed through the
// endpoint's agent (whose new connections are checked, endpoint-agents.ts), and what happened is decided
// (decide-attempt.ts) and recorded with the claim's token (and the body, when this claim rendered it). `sent` is
// called once the endpoint is done with (before the record is stored, which waits for the recorder's next batch).
// Throws only when the record cannot be stored.
import type { ClaimedMessage } from "../db/claim-messages.js";
import type { Logger } from "../logger.js";
import type { AttemptRecorder } from "./create-attempt-recorder.js";
import { decideAttempt } from "./decide-attempt.js";
import type { EndpointAgents } from "./endpoint-agents.js";
import type { NotifyMetrics } from "./notify-metrics.js";
import { postNotification, type PostOutcome } from "./post-notification.js";
import { signNotification } from "./sign-notification.js";

export const NOT_RENDERED = "the body could not be rendered (the worker's log says why)";

export function deliverMessage(context: {
  logger: Logger;
  schedule: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
  agents: EndpointAgents;
  recorder: AttemptRecorder;
  metrics?: NotifyMetrics;
}): (message: ClaimedMessage, sent: () => void) => Promise<void> {
  return async (message, sent) => {
    const body = message.body;
    const url = new URL(message.url);
    let result: PostOutcome;
    if (body === null) {
      // Nothing to send (the worker logged why): an attempt all the same, so the schedule runs out and the message
      // ends failed where an admin sees it, instead of being claimed again at every lease.
      result = { kind: "no_answer", error: NOT_RENDERED, latencyMs: 0 };
    } else if (url.protocol !== "https:" && !context.allowPrivate) {
      result = { kind: "refused", error: "plain http is refused (ALLOW_PRIVATE_ENDPOINTS=false)", latencyMs: 0 };
    } else {
      const headers = signNotification(message.secrets, {
        webhookId: message.webhookId,
        timestamp: new Date(),
        body,
      });
      result = await postNotification({
        url,
        agent: context.agents.agentFor(message.endpointId, url),
        headers: { ...headers },
        body,
        timeoutMs: context.timeoutMs,
      });
    }
    sent();
    const decision = decideAttempt(result, message.attempt, context.schedule);
    await context.recorder.record({
      messageId: message.id,
      endpointId: message.endpointId,
      claimToken: message.claimToken,
      ...decision,
      httpStatus: result.kind === "answered" ? result.status : null,
      latencyMs: result.latencyMs,
      // PostgreSQL text cannot hold NUL.
      response: result.kind === "answered" ? result.body.replaceAll("\u0000", "\uFFFD") : null,
      error: result.kind === "answered" ? null : result.error,
      // Stored with the first outcome: every later attempt sends these bytes (claim-messages.ts).
      body: message.rendered && body !== null ? body : null,
    });
    context.metrics?.observeAttempt({ outcome: decision.outcome, seconds: result.latencyMs / 1000 });
    if (decision.disableEndpoint) {
      context.logger.warn({ endpointId: message.endpointId }, "endpoint answered 410: disabled");
    }
  };
}
