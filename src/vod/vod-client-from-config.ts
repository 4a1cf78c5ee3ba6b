import { ConfigError, type Config } from "../config.js";
import { createVodClient, type VodClient } from "./client.js";

/** The VOD SDK client of this deployment; the VOD commands cannot run without credentials. */
export function vodClientFromConfig(config: Config): VodClient {
  const missing = [
    ...(config.TENCENTCLOUD_SECRET_ID ? [] : ["TENCENTCLOUD_SECRET_ID: required to call the VOD API"]),
    ...(config.TENCENTCLOUD_SECRET_KEY ? [] : ["TENCENTCLOUD_SECRET_KEY: required to call the VOD API"]),
  ];
  if (missing.length) throw new ConfigError(missing);
  return createVodClient({
    secretId: config.TENCENTCLOUD_SECRET_ID as string,
    secretKey: config.TENCENTCLOUD_SECRET_KEY as string,
    region: config.VOD_REGION,
    endpoint: config.VOD_ENDPOINT,
  });
}
