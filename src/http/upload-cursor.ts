// Opaque keyset cursor: base64url of "<updatedAt ISO>|<id>". Opaque so clients do not build their own.
import { AppError } from "../errors.js";
import type { UploadCursor } from "../db/list-uploads.js";

export function encodeCursor(cursor: UploadCursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): UploadCursor {
  const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const updatedAt = new Date(at ?? "");
  if (!id || Number.isNaN(updatedAt.getTime())) throw new AppError("invalid_request", "cursor is not valid");
  return { updatedAt, id };
}
