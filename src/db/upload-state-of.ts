// Prisma's Upload row → the pure rule's UploadState: the columns an event can change (upload-columns.ts), with
// int8 as a decimal string and a missing jsonb as {} (a nullable one as null: review).
import type { Upload } from "./generated/client.js";
import { eventColumns, uploadColumns } from "../uploads/upload-columns.js";
import type { UploadRow } from "../uploads/upload-row.js";
import type { UploadState } from "../uploads/upload-state.js";

export function uploadStateOf(upload: Upload): UploadState {
  // Fails to compile when the generated client and the column list disagree on a column's type.
  const row: UploadRow = upload;
  const state: Record<string, unknown> = {};
  for (const name of eventColumns) {
    const value = row[name];
    const { kind, nullable } = uploadColumns[name];
    state[name] =
      kind === "jsonb" && !nullable
        ? (value ?? {})
        : kind === "bigint" && typeof value === "bigint"
          ? value.toString()
          : value;
  }
  return state as UploadState;
}
