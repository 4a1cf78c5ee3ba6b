// An Upload row as the database driver hands it over (Prisma's Upload, or pg with int8 parsed to bigint), typed
// from the column list so that layers above src/db need not import the generated client.
import type { KindOf, NullableColumn, UploadColumn } from "./upload-columns.js";
import type { UploadStatus } from "./upload-state.js";

interface RowValue {
  text: string;
  int: number;
  bigint: bigint;
  timestamptz: Date;
  /** Prisma types a jsonb value as JsonValue; the reader decides what it holds. */
  jsonb: unknown;
  enum: UploadStatus;
}

export type UploadRow = { [K in UploadColumn]: RowValue[KindOf<K>] | (K extends NullableColumn ? null : never) };
