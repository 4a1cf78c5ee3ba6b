// The server-upload flow against the emulator with the real SDKs: ApplyUpload → COS putObject with the
// TempCertificate → CommitUpload. Returns what each step answered.
import COS from "cos-nodejs-sdk-v5";
import type { VodClient } from "../../src/vod/client.js";

export interface EmulatorUploadOptions {
  bytes?: Buffer;
  mediaType?: string;
  mediaName?: string;
  procedure?: string;
  sourceContext?: string;
  sessionContext?: string;
  subAppId?: number;
}

export async function uploadToEmulator(client: VodClient, cosDomain: string, options: EmulatorUploadOptions = {}) {
  const applied = await client.ApplyUpload({
    MediaType: options.mediaType ?? "mp4",
    MediaName: options.mediaName,
    Procedure: options.procedure,
    SourceContext: options.sourceContext,
    SessionContext: options.sessionContext,
    SubAppId: options.subAppId,
  });
  const cos = cosClientFor(applied.TempCertificate!, cosDomain);
  await cos.putObject({
    Bucket: applied.StorageBucket!,
    Region: applied.StorageRegion!,
    Key: applied.MediaStoragePath!,
    Body: options.bytes ?? Buffer.from(`media bytes ${Math.random()}`),
  });
  const committed = await client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: options.subAppId });
  return { applied, committed, fileId: committed.FileId! };
}

export function cosClientFor(
  certificate: { SecretId?: string; SecretKey?: string; Token?: string },
  cosDomain: string,
): COS {
  return new COS({
    SecretId: certificate.SecretId,
    SecretKey: certificate.SecretKey,
    SecurityToken: certificate.Token,
    Domain: cosDomain,
    Protocol: "http:",
  });
}

/** Where POST /v1/uploads says to put the bytes (its `storage` answer). */
export interface UploadStorage {
  bucket: string;
  region: string;
  mediaKey: string;
  credentials: { secretId: string; secretKey: string; token: string };
}

/** Puts the media bytes where the app API's ApplyUpload answer says, with its temporary credentials. */
export async function putUploadBytes(
  storage: UploadStorage,
  cosDomain: string,
  body = "fake mp4 bytes",
): Promise<void> {
  const { secretId, secretKey, token } = storage.credentials;
  const cos = cosClientFor({ SecretId: secretId, SecretKey: secretKey, Token: token }, cosDomain);
  await cos.putObject({
    Bucket: storage.bucket,
    Region: storage.region,
    Key: storage.mediaKey,
    Body: Buffer.from(body),
  });
}
