// Prisma's Upload from the text PostgreSQL wrote (upload-text.ts): the values Prisma would give, for the callers
// that work on an upload rather than answer it (admin, commit, reconcile). Tested equal to Prisma's own reads
// (test/db/upload-reader.test.ts).
import type { Upload } from "./generated/client.js";
import { isoTime } from "./iso-time.js";
import { uploadTextColumns, type UploadText } from "./upload-text.js";
import { uploadColumns, type ColumnKind } from "../uploads/upload-columns.js";

const valueOf: Record<ColumnKind, (text: string) => unknown> = {
  text: (text) => text,
  enum: (text) => text,
  int: (text) => Number.parseInt(text, 10),
  bigint: (text) => BigInt(text),
  timestamptz: (text) => new Date(isoTime(text)),
  jsonb: (text) => JSON.parse(text) as unknown,
};

const decoders = uploadTextColumns.map((name) => [name, valueOf[uploadColumns[name].kind]] as const);

export function uploadOfText(text: UploadText): Upload {
  const upload: Record<string, unknown> = {};
  decoders.forEach(([name, decode], at) => {
    const value = text[at] ?? null;
    upload[name] = value === null ? null : decode(value);
  });
  return upload as Upload;
}
