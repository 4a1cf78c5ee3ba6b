// The Upload as the status rule sees it: the columns an event can change (upload-columns.ts). Dates are Date;
// subAppId is a decimal string (it is a BigInt column). Kept free of Prisma types so the rule stays a pure function.
import type { EventColumn, KindOf, NullableColumn } from "./upload-columns.js";

export const uploadStatuses = ["PENDING", "UPLOADED", "PROCESSING", "PROCESSED", "FAILED", "DELETED"] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

interface StateValue {
  text: string;
  int: number;
  bigint: string;
  timestamptz: Date;
  jsonb: Record<string, unknown>;
  enum: UploadStatus;
}

export type UploadState = { [K in EventColumn]: StateValue[KindOf<K>] | (K extends NullableColumn ? null : never) };
