// GET /v1/uploads/:ref without waitFor: the upload's answer as JSON text, with its outputs, read through the
// batched reader (upload-json-reader.ts). The Express route and the read fast path (upload-reads-fast-path.ts) both
// answer through this function, so their bytes cannot differ.
import type { Db } from "../db/db.js";
import { uploadJsonReader } from "../db/upload-json-reader.js";
import { statusJsonOfParts } from "./status-json-of-parts.js";
import { uploadNotFound } from "./upload-not-found.js";

export async function findUploadAnswer(db: Db, ref: string): Promise<string> {
  const upload = await uploadJsonReader(db).find(ref);
  if (!upload) throw uploadNotFound(ref);
  return statusJsonOfParts(upload, 0, { outputs: true });
}
