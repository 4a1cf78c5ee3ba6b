// A 200 answer with a COS XML document.
import type { CosReply } from "./cos-request.js";
import { toCosXml } from "./to-cos-xml.js";

export function xmlReply(root: string, value: Parameters<typeof toCosXml>[1]): CosReply {
  return { status: 200, headers: { "Content-Type": "application/xml" }, body: toCosXml(root, value) };
}
