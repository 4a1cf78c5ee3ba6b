// The outcome of one attempt at a claimed message, as the delivery worker records it (record-attempts.ts): delivered
// with a 204 unless `fields` says otherwise, under the claim's token.
import type { ClaimedMessage } from "../../src/db/claim-messages.js";
import type { AttemptRecord } from "../../src/db/record-attempts.js";

export const attemptRecord = (message: ClaimedMessage, fields: Partial<AttemptRecord> = {}): AttemptRecord => ({
  messageId: message.id,
  endpointId: message.endpointId,
  claimToken: message.claimToken,
  outcome: "delivered",
  messageStatus: "delivered",
  nextAttemptAt: null,
  httpStatus: 204,
  latencyMs: 3,
  response: "",
  error: null,
  disableEndpoint: null,
  body: null,
  ...fields,
});
