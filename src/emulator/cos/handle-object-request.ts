// Simple object operations: PUT Object, HEAD Object, GET Object. ETags: see checkedEtag.
import type { EmulatorState } from "../emulator-state.js";
import { checkedEtag } from "./checked-etag.js";
import { CosError } from "./cos-error.js";
import type { AuthorizedCosRequest, CosReply } from "./cos-request.js";

export function handleObjectRequest(request: AuthorizedCosRequest, state: EmulatorState): CosReply {
  if (request.method === "PUT") {
    const etag = checkedEtag(request);
    const contentType = String(request.headers["content-type"] ?? "application/octet-stream");
    const lastModified = Date.now();
    state.objects.set(request.path, { path: request.path, bytes: request.body, etag, contentType, lastModified });
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
