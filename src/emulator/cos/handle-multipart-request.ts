// COS multipart upload as cos-nodejs-sdk-v5's sliceUploadFile drives it: List Multipart Uploads (GET /?uploads,
// looked at first to resume), Initiate (POST ?uploads), List Parts (GET ?uploadId), Upload Part
// (PUT ?partNumber&uploadId), Complete (POST ?uploadId, XML list of PartNumber + ETag), Abort (DELETE ?uploadId).
// Complete enforces COS's rules: listed parts exist with those ETags, ascending order, all but the last ≥ 1 MiB.
import { createHash, randomBytes } from "node:crypto";
import type { EmulatorState } from "../emulator-state.js";
import { CosError } from "./cos-error.js";
import { queryValue, type AuthorizedCosRequest, type CosReply } from "./cos-request.js";
import { checkedEtag } from "./handle-object-request.js";
import { toCosXml } from "./to-cos-xml.js";

const MIN_PART_BYTES = 1024 * 1024;
const xmlReply = (root: string, value: Parameters<typeof toCosXml>[1]): CosReply => ({
  status: 200,
  headers: { "Content-Type": "application/xml" },
  body: toCosXml(root, value),
});

export function handleMultipartRequest(request: AuthorizedCosRequest, state: EmulatorState): CosReply {
  const bucket = request.session.storageBucket;
  const key = request.path.slice(1);
  const owner = { ID: `qcs::cam::uin/${state.appId}:uin/${state.appId}`, DisplayName: state.appId };
  const uploadIdParam = queryValue(request, "uploadId");

  if (request.method === "GET" && request.path === "/") {
    const prefix = queryValue(request, "prefix") ?? "";
    const uploads = [...state.multipartUploads.values()].filter((upload) => upload.path.slice(1).startsWith(prefix));
    return xmlReply("ListMultipartUploadsResult", {
      Bucket: bucket,
      KeyMarker: "",
      UploadIdMarker: "",
      NextKeyMarker: "",
      NextUploadIdMarker: "",
      MaxUploads: 1000,
      IsTruncated: false,
      Prefix: prefix,
      Upload: uploads.map((upload) => ({
        Key: upload.path.slice(1),
        UploadId: upload.uploadId,
        StorageClass: "STANDARD",
        Initiator: owner,
        Owner: owner,
        Initiated: new Date(upload.initiatedAt).toISOString(),
      })),
    });
  }
  if (request.method === "POST" && queryValue(request, "uploads") !== undefined) {
    const uploadId = `${Math.floor(Date.now() / 1000)}${randomBytes(24).toString("hex")}`;
    const upload = { uploadId, path: request.path, vodSessionKey: request.session.vodSessionKey, initiatedAt: Date.now(), parts: new Map() };
    state.multipartUploads.set(uploadId, upload);
    return xmlReply("InitiateMultipartUploadResult", { Bucket: bucket, Key: key, UploadId: uploadId });
  }

  const upload = state.multipartUploads.get(uploadIdParam ?? "");
  if (!upload || upload.path !== request.path) {
    throw new CosError(404, "NoSuchUpload", "The specified multipart upload does not exist.");
  }
  if (request.method === "PUT") {
    const partNumber = Number(queryValue(request, "partNumber"));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw new CosError(400, "InvalidArgument", "partNumber must be an integer from 1 to 10000.");
    }
    const etag = checkedEtag(request);
    upload.parts.set(partNumber, { bytes: request.body, etag, lastModified: Date.now() });
    return { status: 200, headers: { ETag: etag } };
  }
  if (request.method === "GET") {
    const parts = [...upload.parts].sort(([a], [b]) => a - b);
    return xmlReply("ListPartsResult", {
      Bucket: bucket,
      Key: key,
      UploadId: upload.uploadId,
      Initiator: owner,
      Owner: owner,
      StorageClass: "STANDARD",
      PartNumberMarker: 0,
      NextPartNumberMarker: parts.at(-1)?.[0] ?? 0,
      MaxParts: 1000,
      IsTruncated: false,
      Part: parts.map(([partNumber, part]) => ({
        PartNumber: partNumber,
        LastModified: new Date(part.lastModified).toISOString(),
        ETag: part.etag,
        Size: part.bytes.length,
      })),
    });
  }
  if (request.method === "DELETE") {
    state.multipartUploads.delete(upload.uploadId);
    return { status: 204 };
  }
  if (request.method !== "POST") throw new CosError(405, "MethodNotAllowed", `${request.method} is not supported.`);

  const listed = [...request.body.toString("utf8").matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(([, part = ""]) => ({
    partNumber: Number(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(part)?.[1]),
    etag: (/<ETag>([\s\S]*?)<\/ETag>/.exec(part)?.[1] ?? "").replace(/&quot;/g, '"').replace(/"/g, ""),
  }));
  if (listed.length === 0) throw new CosError(400, "MalformedXML", "The XML lists no Part.");
  const chosen = listed.map(({ partNumber, etag }, index) => {
    const part = upload.parts.get(partNumber);
    if (!part || part.etag.replace(/"/g, "") !== etag) throw new CosError(400, "InvalidPart", `Part ${partNumber} was not uploaded with that ETag.`);
    const previous = listed[index - 1];
    if (previous && previous.partNumber >= partNumber) throw new CosError(400, "InvalidPartOrder", "Parts must be in ascending order.");
    if (index < listed.length - 1 && part.bytes.length < MIN_PART_BYTES) throw new CosError(400, "EntityTooSmall", "Every part but the last must be at least 1 MiB.");
    return part;
  });
  const bytes = Buffer.concat(chosen.map((part) => part.bytes));
  const digests = Buffer.concat(chosen.map((part) => Buffer.from(part.etag.replace(/"/g, ""), "hex")));
  const etag = `"${createHash("md5").update(digests).digest("hex")}-${chosen.length}"`;
  state.objects.set(request.path, { path: request.path, bytes, etag, contentType: "application/octet-stream", lastModified: Date.now() });
  state.multipartUploads.delete(upload.uploadId);
  const location = `${String(request.headers.host ?? "")}${request.path}`;
  return xmlReply("CompleteMultipartUploadResult", { Location: location, Bucket: bucket, Key: key, ETag: etag });
}
