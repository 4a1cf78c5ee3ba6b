// The client upload as VOD's browser SDK makes it (vod-js-sdk-v6 src/uploader.ts), against the emulator:
// ApplyUploadUGC → put the bytes to COS with the answer's tempCertificate → CommitUploadUGC, each call carrying
// the signature. fetch stands in for the SDK's axios and cos-nodejs-sdk-v5 for cos-js-sdk-v5 (same API and request
// signing); the bucket is "<storageBucket>-<storageAppId>" and the region storageRegionV5, as the SDK builds them.
import { cosClientFor } from "./emulator-upload.js";

export interface UgcAnswer {
  code: number;
  message: string;
  data?: any;
}

export async function callUgc(apiUrl: string, action: string, body: unknown): Promise<UgcAnswer> {
  const response = await fetch(`${apiUrl}/v3/index.php?Action=${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${action} answered HTTP ${response.status}`);
  return (await response.json()) as UgcAnswer;
}

export interface ClientUploadOptions {
  /** Signature of the commit; default the apply's (one-time signatures need a fresh one). */
  commitSignature?: string;
  bytes?: Buffer;
  videoName?: string;
}

export async function uploadLikeClientSdk(
  emulator: { url: string; cosDomain: string },
  signature: string,
  options: ClientUploadOptions = {},
) {
  const bytes = options.bytes ?? Buffer.from(`client media ${Math.random()}`);
  const applied = await callUgc(emulator.url, "ApplyUploadUGC", {
    signature,
    videoName: options.videoName ?? "holiday",
    videoType: "mp4",
    videoSize: bytes.length,
  });
  if (applied.code !== 0) throw new Error(`ApplyUploadUGC refused: ${applied.code} ${applied.message}`);
  const { tempCertificate, storageBucket, storageAppId, storageRegionV5, video, vodSessionKey } = applied.data;
  const cos = cosClientFor(
    { SecretId: tempCertificate.secretId, SecretKey: tempCertificate.secretKey, Token: tempCertificate.token },
    emulator.cosDomain,
  );
  await cos.putObject({
    Bucket: `${storageBucket}-${storageAppId}`,
    Region: storageRegionV5,
    Key: video.storagePath,
    Body: bytes,
  });
  const committed = await callUgc(emulator.url, "CommitUploadUGC", {
    signature: options.commitSignature ?? signature,
    vodSessionKey,
  });
  return { applied, committed };
}
