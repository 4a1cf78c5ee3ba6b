// The official VOD SDK client (tencentcloud-sdk-nodejs-vod, API 2018-07-17), pointed at Tencent Cloud or, with
// `endpoint`, at another base URL such as the local emulator ("http://127.0.0.1:9090", DESIGN §7-8).
// The package is CommonJS; its named export `vod` is visible to Node's ESM loader, jest's ESM mode and tsc NodeNext.
import { Agent } from "node:http";
import * as tencentcloud from "tencentcloud-sdk-nodejs-vod";

export const VOD_ENDPOINT = "vod.tencentcloudapi.com";

export type VodClient = InstanceType<typeof tencentcloud.vod.v20180717.Client>;

export interface VodClientOptions {
  secretId: string;
  secretKey: string;
  region: string;
  /** Base URL instead of https://vod.tencentcloudapi.com, e.g. "http://127.0.0.1:9090" (VOD_ENDPOINT). */
  endpoint?: string;
  /** Per-request timeout; PullEvents holds up to 5 s, so keep it well above that. Default 60. */
  timeoutSeconds?: number;
}

export function createVodClient(options: VodClientOptions): VodClient {
  return new tencentcloud.vod.v20180717.Client({
    credential: { secretId: options.secretId, secretKey: options.secretKey },
    region: options.region,
    profile: { httpProfile: { ...httpProfileFor(options.endpoint), reqTimeout: options.timeoutSeconds ?? 60 } },
  });
}

function httpProfileFor(endpoint: string | undefined) {
  if (endpoint === undefined) return { endpoint: VOD_ENDPOINT, protocol: "https://" };
  const url = new URL(endpoint);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.pathname !== "/" || url.search || url.username) {
    throw new Error(`VOD endpoint must be a bare http(s) base URL such as http://127.0.0.1:9090, got ${endpoint}`);
  }
  // The SDK signs with service = first label of the host, so "127.0.0.1:9090" signs service "127"; the emulator
  // reads the service from the signature, Tencent Cloud would not accept it — use this only for the emulator.
  // An explicit agent for plain http keeps the SDK's fetch from routing through $http_proxy (it only consults the
  // proxy when no agent is given), so a loopback emulator is reached directly.
  const agent = url.protocol === "http:" ? new Agent() : undefined;
  return { endpoint: url.host, protocol: `${url.protocol}//`, ...(agent ? { agent } : {}) };
}
