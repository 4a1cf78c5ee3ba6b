// COS multipart upload as cos-nodejs-sdk-v5's sliceUploadFile drives it: List Multipart Uploads (GET /?uploads,
// asked first to find an upload to resume), Initiate (POST ?uploads), List Parts (GET ?uploadId, to check what a
// resumed upload already holds), Upload Part (PUT ?partNumber&uploadId), Complete (POST ?uploadId) and Abort
// (DELETE ?uploadId).
import { randomBytes } from "node:crypto";
import type { EmulatorState, MultipartUpload } from "../emulator-state.js";
import { checkedEtag } from "./checked-etag.js";
import { completeMultipartUpload } from "./complete-multipart-upload.js";
import { CosError } from "./cos-error.js";
import { queryValue, type AuthorizedCosRequest, type CosReply } from "./cos-request.js";
import { xmlReply } from "./xml-reply.js";

export function handleMultipartRequest(request: AuthorizedCosRequest, state: EmulatorState): CosReply {
  const bucket = request.session.storageBucket;
  const owner = { ID: `qcs::cam::uin/${state.appId}:uin/${state.appId}`, DisplayName: state.appId };

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
    const upload: MultipartUpload = {
      uploadId: `${Math.floor(Date.now() / 1000)}${randomBytes(24).toString("hex")}`,
      path: request.path,
      vodSessionKey: request.session.vodSessionKey,
      initiatedAt: Date.now(),
      parts: new Map(),
    };
    state.multipartUploads.set(upload.uploadId, upload);
    return xmlReply("InitiateMultipartUploadResult", {
      Bucket: bucket,
      Key: request.path.slice(1),
      UploadId: upload.uploadId,
    });
  }

  const upload = state.multipartUploads.get(queryValue(request, "uploadId") ?? "");
  if (!upload || upload.path !== request.path) {
    throw new CosError(404, "NoSuchUpload", "The specified multipart upload does not exist.");
  }
  switch (request.method) {
    case "PUT": {
      const partNumber = Number(queryValue(request, "partNumber"));
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
        throw new CosError(400, "InvalidArgument", "partNumber must be an integer from 1 to 10000.");
      }
      const etag = checkedEtag(request);
      upload.parts.set(partNumber, { bytes: request.body, etag, lastModified: Date.now() });
      return { status: 200, headers: { ETag: etag } };
    }
    case "GET": {
      const parts = [...upload.parts].sort(([a], [b]) => a - b);
      return xmlReply("ListPartsResult", {
        Bucket: bucket,
        Key: request.path.slice(1),
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
    case "POST":
      return completeMultipartUpload(request, upload, state);
    case "DELETE":
      state.multipartUploads.delete(upload.uploadId);
      return { status: 204 };
    default:
      throw new CosError(405, "MethodNotAllowed", `${request.method} is not supported for multipart uploads.`);
  }
}
