// A local Tencent Cloud VOD (DESIGN §8) that the unchanged SDKs talk to: the API (TC3-signed, API 2018-07-17) on
// `port`, a COS-compatible object endpoint on `cosPort`, and event delivery by PUSH or PULL. In memory only; a test
// and demo tool, never a production path. It imports nothing from the tracker: it writes VOD's shapes itself
// from vod-reference.md, so the tracker's parser is tested against an independent writer.
//
// Point the SDKs at it:
//   VOD:  createVodClient({ secretId, secretKey, region, endpoint: handle.url })
//         (= profile.httpProfile { endpoint: "127.0.0.1:9090", protocol: "http://" })
//   COS:  new COS({ SecretId, SecretKey, SecurityToken: TempCertificate.Token, Domain: handle.cosDomain,
//         Protocol: "http:" }) with the TempCertificate of ApplyUpload
//   Client upload (VOD's browser/mobile upload SDKs, which hard-code https://vod2.qcloud.com): POST
//         `${handle.url}/v3/index.php?Action=ApplyUploadUGC|CommitUploadUGC` with a client upload signature made
//         from one of the accepted key pairs (ugc/), then the same COS endpoint as above
// Credentials: API calls must be signed with `secretId`/`secretKey` (or a pair of `acceptedKeys`); the CLI passes
// TENCENTCLOUD_SECRET_ID/KEY and falls back to EMULATOR_DEMO_CREDENTIALS (demo-credentials.ts).
// Emulator-only controls (no signature, loopback): GET /_emulator/{health,state,events,deliveries},
// POST /_emulator/reset, POST /_emulator/config {eventFormat: "v3"|"legacy", procedureDelayMs, procedureOutcome,
// pullHoldMs, redeliveryMs, pushRetryDelaysMs, pushTimeoutMs, dropNextPushes, duplicateNextPushes,
// dropNextCommitAnswers, dropNextPullUploadAnswers, taskRetentionMs} — details in
// control/create-control-router.ts; the same settings are start options and EmulatorHandle.configure().
// POST /_emulator/review {fileId, suggestion, label?, confidence?, form?} sets a file's moderation verdict
// (EmulatorHandle.setReviewVerdict). PullUpload fetches MediaUrl from loopback only (pulls/run-pull-task.ts); a
// Procedure whose name contains "review" also runs a review (reviews/).
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import type { z } from "zod";
import { createApiApp } from "./api/create-api-app.js";
import { configureEmulator, type SettingsPatchResult } from "./control/configure-emulator.js";
import { emulatorSnapshot } from "./control/emulator-snapshot.js";
import { resetEmulator } from "./control/reset-emulator.js";
import { reviewVerdictSchema, setReviewVerdict, type ReviewVerdictResult } from "./control/set-review-verdict.js";
import { createCosApp } from "./cos/create-cos-app.js";
import { defaultEmulatorSettings, emulatorSettingsSchema, type EmulatorSettings } from "./emulator-settings.js";
import {
  createEmulatorState,
  defaultEventConfig,
  type EmulatorState,
  type EventConfig,
  type KeyPair,
} from "./emulator-state.js";
import { createEventDispatcher } from "./events/event-dispatcher.js";

export interface EmulatorOptions extends Partial<EmulatorSettings> {
  /** API port; 0 = any free port. Default 9090. */
  port?: number;
  /** COS port; 0 = any free port. Default port + 1, or 0 when port is 0. */
  cosPort?: number;
  host?: string;
  /** The key pair API calls must be signed with (the CLI passes TENCENTCLOUD_SECRET_ID/KEY). */
  secretId: string;
  secretKey: string;
  /** More key pairs to accept, e.g. to test a second tenant. */
  acceptedKeys?: KeyPair[];
  /** The account's AppId, used in bucket names, URLs and task ids. Default "1250000000". */
  appId?: string;
  /** Event configuration of the primary application at start (as if ModifyEventConfig had been called). */
  eventConfig?: Partial<EventConfig>;
  log?: (line: string) => void;
}

export interface EmulatorHandle {
  /** Base URL of the API, e.g. "http://127.0.0.1:9090" (createVodClient's `endpoint`). */
  url: string;
  /** Base URL of the COS endpoint, e.g. "http://127.0.0.1:9091". */
  cosUrl: string;
  /** host:port for cos-nodejs-sdk-v5's `Domain` option, e.g. "127.0.0.1:9091". */
  cosDomain: string;
  appId: string;
  /** The live in-memory state, for assertions. Its collections are replaced by reset(). */
  state: EmulatorState;
  snapshot(): Record<string, unknown>;
  configure(patch: Partial<EmulatorSettings>): SettingsPatchResult;
  /** POST /_emulator/review in-process: the verdict for a FileId, and the review task run now (null: no file yet). */
  setReviewVerdict(verdict: z.input<typeof reviewVerdictSchema>): ReviewVerdictResult;
  reset(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  const { port = 9090, host = "127.0.0.1", secretId, secretKey, acceptedKeys = [], appId = "1250000000" } = options;
  const cosPort = options.cosPort ?? (port === 0 ? 0 : port + 1);
  if (!secretId || !secretKey) throw new Error("startEmulator needs secretId and secretKey");
  if (!/^\d+$/.test(appId)) throw new Error("startEmulator: appId must be digits");
  const settings = emulatorSettingsSchema.parse({ ...defaultEmulatorSettings, ...pickSettings(options) });
  const eventConfig: EventConfig = { ...defaultEventConfig, ...options.eventConfig };
  const log = options.log ?? (() => undefined);

  const state = createEmulatorState(appId, [{ secretId, secretKey }, ...acceptedKeys], settings);
  const reset = () => resetEmulator(state, settings, eventConfig);
  reset();
  const events = createEventDispatcher(state, log);
  const apiServer = createServer(createApiApp({ state, events, reset, log }));
  const cosServer = createServer(createCosApp(state, log));
  await listen(apiServer, port, host);
  try {
    await listen(cosServer, cosPort, host);
  } catch (error) {
    await closeServer(apiServer);
    throw error;
  }
  const apiAddress = apiServer.address() as AddressInfo;
  const cosAddress = cosServer.address() as AddressInfo;
  const cosDomain = `${hostForUrl(host)}:${cosAddress.port}`;
  log(`VOD emulator: API http://${hostForUrl(host)}:${apiAddress.port}, COS http://${cosDomain}, AppId ${appId}`);

  return {
    url: `http://${hostForUrl(host)}:${apiAddress.port}`,
    cosUrl: `http://${cosDomain}`,
    cosDomain,
    appId,
    state,
    snapshot: () => emulatorSnapshot(state),
    configure: (patch) => configureEmulator(state, patch),
    setReviewVerdict: (verdict) => setReviewVerdict(state, events, verdict),
    reset,
    async close() {
      state.timers.close();
      // Release held PullEvents first: server.close() waits for every open request.
      for (const queue of state.queues.values()) queue.close();
      await Promise.all([closeServer(apiServer), closeServer(cosServer)]);
    },
  };
}

function pickSettings(options: EmulatorOptions): Partial<EmulatorSettings> {
  const names = Object.keys(defaultEmulatorSettings) as Array<keyof EmulatorSettings>;
  return Object.fromEntries(names.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]));
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
