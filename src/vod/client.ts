// The official VOD SDK client (tencentcloud-sdk-nodejs-vod, API 2018-07-17), pointed at Tencent Cloud or, with
// `endpoint`, at another base URL such as the local emulator ("http://127.0.0.1:9090", DESIGN §7-8).
// The package is CommonJS; its named export `vod` is visible to Node's ESM loader, jest's ESM mode and tsc NodeNext.
import { Agent } from "node:http";
import * as tencentcloud from "tencentcloud-sdk-nodejs-vod";

export const TENCENT_VOD_HOST = "vod.tencentcloudapi.com";

export type VodClient = InstanceType<typeof tencentcloud.vod.v20180717.Client>;

export interface VodClientOptions {
  secretId: string;
  secretKey: string;
  region: string;
  /** Base URL instead of https://vod.tencentcloudapi.com, e.g. "http://127.0.0.1:9090" (env VOD_ENDPOINT). */
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
  if (endpoint === undefined) return { endpoint: TENCENT_VOD_HOST, protocol: "https://" };
  const url = new URL(endpoint);
  const bare = url.pathname === "/" && !url.search && !url.username && !url.password;
  if (!bare || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Error(`VOD endpoint must be a bare http(s) base URL such as http://127.0.0.1:9090, got ${endpoint}`);
  }
  // The SDK signs with service = first label of the host: "vod" for Tencent's hosts, "127" for 127.0.0.1:9090,
  // which the emulator accepts (it reads the service from the signature). For plain http an explicit agent keeps
  // the SDK's fetch from routing through $http_proxy (it consults the proxy only when no agent is given), so a
  // loopback emulator is reached directly.
  const agent = url.protocol === "http:" ? new Agent() : undefined;
  return { endpoint: url.host, protocol: `${url.protocol}//`, ...(agent ? { agent } : {}) };
}
