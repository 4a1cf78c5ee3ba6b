// An upload as PostgreSQL wrote it: each column's text (or null) in the table's order (upload-columns.ts). The polled
// reads keep rows this way: the HTTP answer is written straight from the text (http/upload-json-text.ts), with no
// Date or row object between, and uploadOfText makes Prisma's Upload of it where one is needed.
import { uploadColumns, type UploadColumn } from "../uploads/upload-columns.js";

/** May carry more values after the upload's columns (a batch index): readers index, never iterate. */
export type UploadText = ReadonlyArray<string | null>;

export const uploadTextColumns = Object.keys(uploadColumns) as UploadColumn[];

/** The SELECT list of an UploadText from the relation `from`. */
export const selectUploadText = (from: string): string =>
  uploadTextColumns.map((name) => `${from}."${name}"`).join(", ");
