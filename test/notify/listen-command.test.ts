// `vod-tracker listen` (issue 16 §6) run as a user runs it — the CLI entry in a process of its own
// (`node --import tsx src/cli.ts`, as test/support/run-cli.ts runs it, but left running) — receiving what a sender
// signs with the `standardwebhooks` package: a correctly signed notification is printed as one JSON line and answered
// 2xx; a wrong signature, a body changed after signing or missing headers get 401 and are not printed.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { waitFor } from "./support/receiver.js";

type Json = Record<string, any>;

const secret = generateSecret();
let child: ChildProcessWithoutNullStreams;
let url: string;
const lines: Json[] = [];

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("src/cli.ts"), "listen", "--port", "0", "--secret", secret],
    {
      env: { PATH: process.env.PATH ?? "" },
    },
  );
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as Json);
  });
  const started = await waitFor(() => lines.find((line) => line.msg === "listening for notifications"), 20_000);
  url = started.url;
}, 30_000);
afterAll(async () => {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
});

/** A notification as the delivery worker sends one: {type, timestamp, data}, data the Upload JSON and more. */
function notification(webhookId: string) {
  return JSON.stringify({
    type: "upload.processed",
    timestamp: new Date().toISOString(),
    data: {
      id: `upl_${webhookId}`,
      fileId: "5285890784273533167",
      status: "PROCESSED",
      previousStatus: "UPLOADED",
      sequence: 2,
    },
  });
}

function signed(webhookId: string, body: string, key = secret): Record<string, string> {
  const at = new Date();
  return {
    "content-type": "application/json",
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(key).sign(webhookId, at, body),
  };
}

const post = (headers: Record<string, string>, body: string) => fetch(url, { method: "POST", headers, body });
const printed = (webhookId: string) => lines.filter((line) => line.webhookId === webhookId && line.type !== undefined);

test("prints a correctly signed notification as one JSON line and answers 2xx", async () => {
  const body = notification("msg_101");
  const answer = await post(signed("msg_101", body), body);
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(300);
  const [line] = await waitFor(() => (printed("msg_101").length ? printed("msg_101") : undefined));
  expect(line).toEqual({ webhookId: "msg_101", ...JSON.parse(body) });
});

test.each([
  ["signed with another secret", (body: string) => signed("msg_201", body, generateSecret()), (body: string) => body],
  [
    "changed after it was signed",
    (body: string) => signed("msg_202", body),
    (body: string) => body.replace("PROCESSED", "DELETED"),
  ],
  [
    "without the signature headers",
    () => ({ "content-type": "application/json", "webhook-id": "msg_203" }),
    (b: string) => b,
  ],
])("refuses a notification %s with 401 and prints nothing of it", async (_name, headersOf, sent) => {
  const body = notification("msg_2xx");
  const headers = headersOf(body) as Record<string, string>;
  const answer = await post(headers, sent(body));
  expect(answer.status).toBe(401);
  expect(await answer.json()).toEqual({ error: "signature not verified" });
  // The refusal is logged (a line of its own, level warn), never printed as a notification.
  const warned = await waitFor(() =>
    lines.find((line) => line.webhookId === headers["webhook-id"] && line.level === 40),
  );
  expect(warned.msg).toBe("not verified");
  expect(printed(headers["webhook-id"] as string)).toEqual([]);
});
