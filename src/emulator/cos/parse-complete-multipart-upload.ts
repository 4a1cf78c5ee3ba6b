// Reads a Complete Multipart Upload body with the XML parser cos-nodejs-sdk-v5 itself uses: entities decoded (the
// SDK's builder writes each ETag's quotes as &quot;), namespaces and whitespace ignored, one <Part> or many. A body
// that is not well-formed XML, or does not list parts as <CompleteMultipartUpload><Part><PartNumber/><ETag/>, is
// refused as COS refuses it: 400 MalformedXML (https://cloud.tencent.com/document/product/436/7730).
import { XMLParser } from "cos-fast-xml-parser";
import { CosError } from "./cos-error.js";

export interface ListedPart {
  partNumber: number;
  /** Without its quotes. */
  etag: string;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  // A single <Part> would otherwise come back as an object and several as an array.
  isArray: (_name, jPath) => jPath === "CompleteMultipartUpload.Part",
});

export function parseCompleteMultipartUpload(body: Buffer): ListedPart[] {
  let document: unknown;
  try {
    document = parser.parse(body.toString("utf8"), true);
  } catch {
    throw malformed("The XML you provided was not well-formed.");
  }
  const parts = (document as { CompleteMultipartUpload?: { Part?: unknown[] } } | null)?.CompleteMultipartUpload?.Part;
  if (!Array.isArray(parts) || parts.length === 0) throw malformed("The XML lists no Part.");
  return parts.map((part) => {
    const { PartNumber, ETag } = (typeof part === "object" && part !== null ? part : {}) as Record<string, unknown>;
    if (typeof PartNumber !== "string" || !/^\d+$/.test(PartNumber) || typeof ETag !== "string") {
      throw malformed("Every Part needs a PartNumber and an ETag.");
    }
    return { partNumber: Number(PartNumber), etag: ETag.replaceAll('"', "") };
  });
}

function malformed(message: string): CosError {
  return new CosError(400, "MalformedXML", message);
}
