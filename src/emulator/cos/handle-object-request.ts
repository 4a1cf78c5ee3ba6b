// Simple object operations: PUT Object, HEAD Object, GET Object. ETags are the quoted MD5 hex of the bytes, which
// is what cos-nodejs-sdk-v5 compares when it checks a part or resumes an upload. A Content-MD5 header, when sent,
// must match the body (COS answers BadDigest otherwise).
import { createHash } from "node:crypto";
import type { EmulatorState } from "../emulator-state.js";
import { CosError } from "./cos-error.js";
import type { AuthorizedCosRequest, CosReply } from "./cos-request.js";

export function handleObjectRequest(request: AuthorizedCosRequest, state: EmulatorState): CosReply {
  if (request.method === "PUT") {
    const etag = checkedEtag(request);
    const contentType = String(request.headers["content-type"] ?? "application/octet-stream");
    state.objects.set(request.path, { path: request.path, bytes: request.body, etag, contentType, lastModified: Date.now() });
    return { status: 200, headers: { ETag: etag } };
  }
  const object = state.objects.get(request.path);
  if (request.method === "HEAD" || request.method === "GET") {
    if (!object && request.method === "HEAD") return { status: 404 };
    if (!object) throw new CosError(404, "NoSuchKey", "The specified key does not exist.");
    const headers = {
      "Content-Type": object.contentType,
      "Content-Length": String(object.bytes.length),
      ETag: object.etag,
      "Last-Modified": new Date(object.lastModified).toUTCString(),
    };
    return { status: 200, headers, body: request.method === "GET" ? object.bytes : undefined };
  }
  throw new CosError(405, "MethodNotAllowed", `${request.method} is not supported by the COS emulator.`);
}

/** Quoted MD5 ETag of the body, after checking Content-MD5 if the client sent one. */
export function checkedEtag(request: AuthorizedCosRequest): string {
  const md5 = createHash("md5").update(request.body).digest();
  const contentMd5 = request.headers["content-md5"];
  if (typeof contentMd5 === "string" && contentMd5 !== md5.toString("base64")) {
    throw new CosError(400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
  }
  return `"${md5.toString("hex")}"`;
}

