// Standard Webhooks signing (https://www.standardwebhooks.com/, DESIGN §12) with the specification's own package:
// `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, keyed by the bytes after `whsec_`. During a secret rotation both
// secrets sign, space-separated, so a receiver holding either one verifies.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

export interface NotificationHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/** A new endpoint secret: whsec_ and 24 random bytes in base64 (Svix's length). */
export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

// A Webhook decodes its key when made: one per secret, kept (a few endpoints; cleared if ever many).
const signers = new Map<string, Webhook>();
const MAX_SIGNERS = 1000;

function signerOf(secret: string): Webhook {
  let signer = signers.get(secret);
  if (!signer) {
    if (signers.size >= MAX_SIGNERS) signers.clear();
    signers.set(secret, (signer = new Webhook(secret)));
  }
  return signer;
}

export function signNotification(
  secrets: readonly string[],
  message: { webhookId: string; timestamp: Date; body: string },
): NotificationHeaders {
  const signatures = secrets.map((secret) => signerOf(secret).sign(message.webhookId, message.timestamp, message.body));
  return {
    "webhook-id": message.webhookId,
    "webhook-timestamp": String(Math.floor(message.timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
