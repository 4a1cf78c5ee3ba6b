// ETags are the quoted MD5 hex of the bytes, which is what cos-nodejs-sdk-v5 compares when it resumes an upload.
// A Content-MD5 header, when sent, must match the body; COS answers BadDigest otherwise.
import { createHash } from "node:crypto";
import { CosError } from "./cos-error.js";
import type { CosRequest } from "./cos-request.js";

export function checkedEtag(request: CosRequest): string {
  const md5 = createHash("md5").update(request.body).digest();
  const contentMd5 = request.headers["content-md5"];
  if (typeof contentMd5 === "string" && contentMd5 !== md5.toString("base64")) {
    throw new CosError(400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
  }
  return `"${md5.toString("hex")}"`;
}
