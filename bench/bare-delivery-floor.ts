// The floor under delivery (issue 16 §3): what one notification's HTTP exchange alone costs on this machine, with no
// database and no rendering — node:http POSTs through a keep-alive agent (32 sockets, 64 requests in flight, as the
// delivery worker), each signed with the `standardwebhooks` package for its attempt, of a ~1.4 KB body like a message
// the hot path writes, to bench/notify.ts's receiver (a process of its own, verifying every signature with the same
// package and answering 204). Messages/s, and CPU per message of this sender, of the receiver and of the whole
// machine. Whatever the worker spends per message above the sender's figure is the claim, the render and the
// record; no delivery on this machine can go faster than the machine's figure allows.
//   npx tsx bench/bare-delivery-floor.ts      (BENCH_SECONDS=10)
// Prints; asserts nothing. Run it under `flock /tmp/bench.lock`.
import http from "node:http";
import { Webhook } from "standardwebhooks";
import { generateSecret } from "../src/notify/sign-notification.js";
import { machineCpuMs, processCpuMs } from "./process-cpu.js";
import { startNotifyReceiver } from "./start-notify-receiver.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const inFlight = 64;
const secret = generateSecret();
const receiver = await startNotifyReceiver(secret);
const url = new URL(receiver.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const signer = new Webhook(secret);
// The shape of an upload.playable body (render-message-body.ts) at its usual size.
const body = JSON.stringify({
  type: "upload.playable",
  timestamp: new Date().toISOString(),
  data: {
    id: "upl_01JEXAMPLE0000000000000000",
    fileId: "5285890784273533167",
    status: "UPLOADED",
    mediaUrl: "http://1400000000.vod2.myqcloud.com/bench/5285890784273533167/f0.mp4",
    sourceContext: "user-42;lesson-7;".padEnd(120, "x"),
    procedureTaskId: null,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    outputs: {
      playback: { kind: "source", url: "http://1400000000.vod2.myqcloud.com/bench/5285890784273533167/f0.mp4" },
      renditions: [],
      adaptive: [],
      coverUrl: null,
      snapshots: [],
      sprites: [],
    },
    ready: { playable: true, complete: true },
    tasks: [],
    metadata: { name: "lesson-7.mp4", size: 10485760, duration: 120.5, width: 1920, height: 1080 },
    previousStatus: null,
    sequence: 2,
  },
}).padEnd(1400, " ");

let sent = 0;
let answered = 0;
let failed = 0;
let stopped = false;
function post(): Promise<void> {
  return new Promise((resolve) => {
    const id = `msg_${(sent += 1)}`;
    const headers = {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      "webhook-signature": signer.sign(id, new Date(), body),
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    };
    const req = http.request(url, { method: "POST", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode === 204) answered += 1;
        else failed += 1;
        resolve();
      });
    });
    req.on("error", () => ((failed += 1), resolve()));
    req.end(body);
  });
}
async function lane(): Promise<void> {
  while (!stopped) await post();
}

const lanes = Array.from({ length: inFlight }, () => lane());
await new Promise((resolve) => setTimeout(resolve, 3000));
const start = { answered, self: process.cpuUsage(), receiver: processCpuMs(receiver.pid), machine: machineCpuMs() };
const startedAt = performance.now();
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const elapsedS = (performance.now() - startedAt) / 1000;
const count = answered - start.answered;
const self = process.cpuUsage(start.self);
const receiverMs = processCpuMs(receiver.pid) - start.receiver;
const machine = machineCpuMs();
stopped = true;
await Promise.all(lanes);
agent.destroy();
const perMessage = (ms: number) => ((ms * 1000) / Math.max(count, 1)).toFixed(0);
console.log(
  `bare_delivery_floor: in_flight=${inFlight} messages_per_s=${(count / elapsedS).toFixed(0)} failed=${failed} ` +
    `sender_us=${perMessage((self.user + self.system) / 1000)} receiver_us=${perMessage(receiverMs)} ` +
    `machine_busy_us=${perMessage(machine.busyMs - start.machine.busyMs)} (per message) ` +
    `busy_pct=${(((machine.busyMs - start.machine.busyMs) / (machine.totalMs - start.machine.totalMs)) * 100).toFixed(0)}`,
);
await receiver.stop();
