// cos-nodejs-sdk-v5, unchanged, uploading to the emulator's COS endpoint with the TempCertificate of ApplyUpload,
// then CommitUpload: a simple PUT, a multipart sliceUploadFile above 5 MiB, resuming a half-done multipart
// upload, and the requests the endpoint refuses. What the SDK cannot send on purpose (entities it does not write,
// malformed XML) goes as a raw request signed by the SDK's own COS.getAuthorization.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import COS from "cos-nodejs-sdk-v5";
import { XMLParser } from "cos-fast-xml-parser";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { cosClientFor } from "../support/emulator-upload.js";

const credentials = { secretId: "AKIDcosTest00000000000000000000000", secretKey: "cosTestSecretKey0000000000000000" };
let emulator: EmulatorHandle;
let client: VodClient;
let workDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  workDir = await mkdtemp(join(tmpdir(), "vod-emulator-cos-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(workDir, { recursive: true, force: true });
});

async function bigFile(name: string, bytes: number): Promise<{ path: string; content: Buffer }> {
  const content = randomBytes(bytes);
  const path = join(workDir, name);
  await writeFile(path, content);
  return { path, content };
}

function targetOf(applied: { StorageBucket?: string; StorageRegion?: string }) {
  return { Bucket: applied.StorageBucket!, Region: applied.StorageRegion! };
}

async function cosErrorOf(call: Promise<unknown>): Promise<{ code?: string; statusCode?: number }> {
  try {
    await call;
  } catch (error) {
    return error as { code?: string; statusCode?: number };
  }
  throw new Error("the COS call succeeded");
}

type Applied = Awaited<ReturnType<VodClient["ApplyUpload"]>>;

/** POST ?uploadId=… with a body of our own, signed like the SDK signs (headers and query as it would). */
async function completeRaw(applied: Applied, uploadId: string, xml: string) {
  const { SecretId, SecretKey, Token } = applied.TempCertificate!;
  const path = applied.MediaStoragePath!;
  const authorization = COS.getAuthorization({
    SecretId: SecretId!,
    SecretKey: SecretKey!,
    Method: "POST",
    Pathname: path,
    Query: { uploadId },
  });
  const response = await fetch(`${emulator.cosUrl}${path}?uploadId=${uploadId}`, {
    method: "POST",
    headers: { Authorization: authorization, "x-cos-security-token": Token!, "Content-Type": "application/xml" },
    body: xml,
  });
  const answer = new XMLParser().parse(await response.text()) as { Error?: { Code?: string } };
  return { status: response.status, code: answer.Error?.Code };
}

/** A multipart upload with its parts uploaded through the SDK; returns their ETags as COS answered them. */
async function uploadedParts(sizes: number[]) {
  const applied = await client.ApplyUpload({ MediaType: "mp4" });
  const cos = cosClientFor(applied.TempCertificate!, emulator.cosDomain);
  const target = { ...targetOf(applied), Key: applied.MediaStoragePath! };
  const { UploadId } = await cos.multipartInit(target);
  const contents = sizes.map((size) => randomBytes(size));
  const etags: string[] = [];
  for (const [index, Body] of contents.entries()) {
    etags.push((await cos.multipartUpload({ ...target, UploadId, PartNumber: index + 1, Body })).ETag);
  }
  return { applied, cos, target, UploadId, etags, content: Buffer.concat(contents) };
}

describe("COS endpoint", () => {
  it("stores a small putObject under the storage path so CommitUpload finds it", async () => {
    const applied = await client.ApplyUpload({ MediaType: "mp4", CoverType: "jpg" });
    const cos = cosClientFor(applied.TempCertificate!, emulator.cosDomain);
    const target = { Bucket: applied.StorageBucket!, Region: applied.StorageRegion! };
    const put = await cos.putObject({ ...target, Key: applied.MediaStoragePath!, Body: Buffer.from("hello vod") });
    expect(put.statusCode).toBe(200);
    expect(put.ETag).toBe(`"${createHash("md5").update("hello vod").digest("hex")}"`);
    await cos.putObject({ ...target, Key: applied.CoverStoragePath!, Body: Buffer.from("jpeg") });
    const head = await cos.headObject({ ...target, Key: applied.MediaStoragePath! });
    expect(head.headers!["content-length"]).toBe("9");

    const committed = await client.CommitUpload({ VodSessionKey: applied.VodSessionKey! });
    expect(committed.CoverUrl).toMatch(/\.jpg$/);
    expect(emulator.state.media.get(committed.FileId!)!.size).toBe(9);
  });

  it("assembles a sliceUploadFile above 5 MiB from its parts, byte for byte", async () => {
    const { path, content } = await bigFile("six-mib.mp4", 6 * 1024 * 1024 + 123);
    const applied = await client.ApplyUpload({ MediaType: "mp4" });
    const cos = cosClientFor(applied.TempCertificate!, emulator.cosDomain);
    const result = await cos.sliceUploadFile({
      Bucket: applied.StorageBucket!,
      Region: applied.StorageRegion!,
      Key: applied.MediaStoragePath!,
      FilePath: path,
    });
    expect(result.ETag).toMatch(/^"[0-9a-f]{32}-7"$/);
    expect(emulator.state.objects.get(applied.MediaStoragePath!)!.bytes.equals(content)).toBe(true);
    expect(emulator.state.multipartUploads.size).toBe(0);

    const committed = await client.CommitUpload({ VodSessionKey: applied.VodSessionKey! });
    const [info] = (await client.DescribeMediaInfos({ FileIds: [committed.FileId!] })).MediaInfoSet!;
    expect(info!.MetaData!.Size).toBe(content.length);
  });

  it("lets sliceUploadFile resume a multipart upload whose first part is already there", async () => {
    const { path, content } = await bigFile("resume.mp4", 3 * 1024 * 1024);
    const applied = await client.ApplyUpload({ MediaType: "mp4" });
    const cos = cosClientFor(applied.TempCertificate!, emulator.cosDomain);
    const target = { Bucket: applied.StorageBucket!, Region: applied.StorageRegion!, Key: applied.MediaStoragePath! };
    const { UploadId } = await cos.multipartInit({ ...target });
    await cos.multipartUpload({ ...target, UploadId, PartNumber: 1, Body: content.subarray(0, 1024 * 1024) });

    const result = await cos.sliceUploadFile({ ...target, FilePath: path });
    // The SDK adds UploadId to the result although its typings do not declare it.
    expect((result as { UploadId?: string }).UploadId).toBe(UploadId);
    expect(emulator.state.objects.get(applied.MediaStoragePath!)!.bytes.equals(content)).toBe(true);
  });

  it("refuses a request without the security token", async () => {
    const applied = await client.ApplyUpload({ MediaType: "mp4" });
    const { Token: _token, ...withoutToken } = applied.TempCertificate!;
    const cos = cosClientFor(withoutToken, emulator.cosDomain);
    const error = await cosErrorOf(cos.putObject({ ...targetOf(applied), Key: applied.MediaStoragePath!, Body: "x" }));
    expect(error).toMatchObject({ statusCode: 403, code: "AccessDenied" });
  });

  it("refuses a request signed with another SecretKey", async () => {
    const applied = await client.ApplyUpload({ MediaType: "mp4" });
    const cos = cosClientFor({ ...applied.TempCertificate!, SecretKey: "wrong" }, emulator.cosDomain);
    const error = await cosErrorOf(cos.putObject({ ...targetOf(applied), Key: applied.MediaStoragePath!, Body: "x" }));
    expect(error).toMatchObject({ statusCode: 403, code: "SignatureDoesNotMatch" });
  });

  it("refuses a write outside the directory ApplyUpload assigned", async () => {
    const applied = await client.ApplyUpload({ MediaType: "mp4" });
    const cos = cosClientFor(applied.TempCertificate!, emulator.cosDomain);
    const error = await cosErrorOf(cos.putObject({ ...targetOf(applied), Key: "/elsewhere/f0.mp4", Body: "x" }));
    expect(error).toMatchObject({ statusCode: 403, code: "AccessDenied" });
  });

  it("completes a multipart upload that lists a single part", async () => {
    const { applied, cos, target, UploadId, etags, content } = await uploadedParts([4096]);
    const result = await cos.multipartComplete({ ...target, UploadId, Parts: [{ PartNumber: 1, ETag: etags[0]! }] });
    expect(result.statusCode).toBe(200);
    expect(result.ETag).toMatch(/^"[0-9a-f]{32}-1"$/);
    expect(emulator.state.objects.get(applied.MediaStoragePath!)!.bytes.equals(content)).toBe(true);
  });

  it("reads ETags whose quotes are character entities, amid namespaces and whitespace", async () => {
    const { applied, UploadId, etags, content } = await uploadedParts([1024 * 1024, 1024 * 1024, 10]);
    const [first, second, third] = etags.map((etag) => etag.replaceAll('"', ""));
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <CompleteMultipartUpload xmlns="http://www.qcloud.com/document/product/436/7751">
        <Part>
          <PartNumber> 1 </PartNumber>
          <ETag>&quot;${first}&quot;</ETag>
        </Part>
        <Part><PartNumber>2</PartNumber><ETag>&#34;${second}&#34;</ETag></Part>
        <Part><PartNumber>3</PartNumber><ETag>&#x22;${third}&#x22;</ETag></Part>
      </CompleteMultipartUpload>`;
    expect(await completeRaw(applied, UploadId, xml)).toEqual({ status: 200, code: undefined });
    expect(emulator.state.objects.get(applied.MediaStoragePath!)!.bytes.equals(content)).toBe(true);
  });

  const complete = (parts: string) => `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`;
  const part = (number: string, etag: string) => `<Part><PartNumber>${number}</PartNumber><ETag>${etag}</ETag></Part>`;
  it.each([
    ["a body cut short", (etag: string) => `<CompleteMultipartUpload>${part("1", etag)}`],
    ["a Part without its ETag", () => complete("<Part><PartNumber>1</PartNumber></Part>")],
    ["a PartNumber that is not a number", (etag: string) => complete(part("one", etag))],
    ["no Part at all", () => complete("")],
    ["text that is not XML", () => "complete it please"],
  ])("refuses %s with 400 MalformedXML and keeps the upload open", async (_case, bodyOf) => {
    const { applied, UploadId, etags } = await uploadedParts([10]);
    expect(await completeRaw(applied, UploadId, bodyOf(etags[0]!))).toEqual({ status: 400, code: "MalformedXML" });
    expect(emulator.state.multipartUploads.has(UploadId)).toBe(true);
    expect(emulator.state.objects.has(applied.MediaStoragePath!)).toBe(false);
  });
});
