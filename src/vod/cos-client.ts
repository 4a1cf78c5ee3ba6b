// The COS SDK with the temporary credentials of one ApplyUpload. `endpoint` (COS_ENDPOINT) sends every request to
// another host, e.g. the emulator: with `Domain: "host:port"` the SDK puts the object key in the path and no
// bucket in it (cos-nodejs-sdk-v5 refuses ForcePathStyle).
import COS from "cos-nodejs-sdk-v5";

export interface CosCredentials {
  secretId: string;
  secretKey: string;
  token: string;
}

export function createCosClient(credentials: CosCredentials, options: { endpoint?: string; concurrency: number }): COS {
  const url = options.endpoint ? new URL(options.endpoint) : null;
  return new COS({
    SecretId: credentials.secretId,
    SecretKey: credentials.secretKey,
    SecurityToken: credentials.token,
    ChunkParallelLimit: options.concurrency,
    ChunkRetryTimes: 3,
    ...(url ? { Domain: url.host, Protocol: url.protocol as "http:" | "https:" } : {}),
  });
}
