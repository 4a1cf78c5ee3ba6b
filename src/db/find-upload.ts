import type { Prisma } from "./create-prisma.js";
import type { Upload } from "./generated/client.js";

/** ref = an `upl_` id or a VOD FileId. */
export function findUpload(prisma: Prisma, ref: string): Promise<Upload | null> {
  return ref.startsWith("upl_")
    ? prisma.upload.findUnique({ where: { id: ref } })
    : prisma.upload.findUnique({ where: { fileId: ref } });
}
