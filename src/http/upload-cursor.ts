// Opaque keyset cursor: base64url of "<updatedAt ISO>|<id>". Opaque so clients do not build their own.
import { AppError } from "../errors.js";
import type { UploadCursor } from "../db/list-uploads.js";
import { wellFormedUploadId } from "../uploads/upload-ref.js";

export function encodeCursor(cursor: UploadCursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): UploadCursor {
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const updatedAt = new Date(at ?? "");
  const year = updatedAt.getUTCFullYear();
  // A forged cursor must not reach the database as a time it cannot hold or an id with NUL in it.
  if (!id || !wellFormedUploadId.test(id) || Number.isNaN(year) || year < 1970 || year > 9999) {
    throw new AppError("invalid_request", "cursor is not valid");
  }
  return { updatedAt, id };
}
