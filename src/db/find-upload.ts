// One upload by our id or its FileId, for the admin and commit routes and reconcile: the batched lookup of the
// polled read (find-uploads.ts) with one ref, so the SQL is written once.
import { poolOf, type Prisma } from "./create-prisma.js";
import { findUploads } from "./find-uploads.js";
import type { Upload } from "./generated/client.js";

/** ref = an `upl_` id or a VOD FileId. */
export async function findUpload(prisma: Prisma, ref: string): Promise<Upload | null> {
  const [upload] = await findUploads(poolOf(prisma), [ref]);
  return upload ?? null;
}
