// Complete Multipart Upload: the body lists <Part><PartNumber/><ETag/></Part> (read by parseCompleteMultipartUpload).
// COS's rules are enforced: each listed part exists with that ETag (InvalidPart), part numbers ascend
// (InvalidPartOrder), every part but the last is at least 1 MiB (EntityTooSmall). The object's ETag is
// "<md5 of the parts' binary MD5s>-<count>", the multipart ETag form COS and S3 use.
import { createHash } from "node:crypto";
import type { EmulatorState, MultipartUpload } from "../emulator-state.js";
import { CosError } from "./cos-error.js";
import type { AuthorizedCosRequest, CosReply } from "./cos-request.js";
import { parseCompleteMultipartUpload } from "./parse-complete-multipart-upload.js";
import { xmlReply } from "./xml-reply.js";

const MIN_PART_BYTES = 1024 * 1024;

export function completeMultipartUpload(
  request: AuthorizedCosRequest,
  upload: MultipartUpload,
  state: EmulatorState,
): CosReply {
  const listed = parseCompleteMultipartUpload(request.body);

  const parts = listed.map(({ partNumber, etag }, index) => {
    const part = upload.parts.get(partNumber);
    if (!part || part.etag.replaceAll('"', "") !== etag) {
      throw new CosError(400, "InvalidPart", `Part ${partNumber} was not uploaded with that ETag.`);
    }
    const previous = listed[index - 1];
    if (previous && previous.partNumber >= partNumber) {
      throw new CosError(400, "InvalidPartOrder", "Parts must be listed in ascending order.");
    }
    if (index < listed.length - 1 && part.bytes.length < MIN_PART_BYTES) {
      throw new CosError(400, "EntityTooSmall", "Every part but the last must be at least 1 MiB.");
    }
    return part;
  });

  const digests = Buffer.concat(parts.map((part) => Buffer.from(part.etag.replaceAll('"', ""), "hex")));
  const etag = `"${createHash("md5").update(digests).digest("hex")}-${parts.length}"`;
  state.objects.set(request.path, {
    path: request.path,
    bytes: Buffer.concat(parts.map((part) => part.bytes)),
    etag,
    contentType: "application/octet-stream",
    lastModified: Date.now(),
  });
  state.multipartUploads.delete(upload.uploadId);
  return xmlReply("CompleteMultipartUploadResult", {
    Location: `${String(request.headers.host ?? "")}${request.path}`,
    Bucket: request.session.storageBucket,
    Key: request.path.slice(1),
    ETag: etag,
  });
}
