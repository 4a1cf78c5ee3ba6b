// One upload by our id or its FileId, for the admin and commit routes and reconcile: the batched lookup of the
// polled read (find-uploads.ts) with one ref, so the SQL is written once.
import type { Db } from "./db.js";
import { findUploads } from "./find-uploads.js";
import type { Upload } from "./generated/client.js";
import { uploadOfText } from "./upload-of-text.js";

/** ref = an `upl_` id or a VOD FileId. */
export async function findUpload(db: Db, ref: string): Promise<Upload | null> {
  const [text] = await findUploads(db.pool, [ref]);
  return text ? uploadOfText(text) : null;
}
