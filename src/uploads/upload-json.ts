// The Upload JSON of the API contract (DESIGN §6): the `json` columns of upload-columns.ts in the table's order,
// ISO-8601 times, subAppId as a number, null where unknown.
import { z } from "zod";
import {
  jsonColumns,
  uploadColumns,
  type ColumnKind,
  type JsonColumn,
  type KindOf,
  type NullableColumn,
} from "./upload-columns.js";
import type { UploadRow } from "./upload-row.js";
import { uploadStatuses } from "./upload-state.js";

// Factories, not shared instances: each field gets a schema of its own in the OpenAPI document.
const schemaOf = {
  text: () => z.string(),
  int: () => z.number().int(),
  bigint: () => z.number().int(),
  timestamptz: () => z.iso.datetime(),
  jsonb: () => z.record(z.string(), z.unknown()),
  enum: () => z.enum(uploadStatuses),
};

type SchemaOf<K extends JsonColumn> = ReturnType<(typeof schemaOf)[KindOf<K>]>;
type UploadJsonShape = {
  [K in JsonColumn]: K extends NullableColumn ? z.ZodNullable<SchemaOf<K>> : SchemaOf<K>;
};

export const uploadJsonSchema = z.object(
  Object.fromEntries(
    jsonColumns.map((name) => {
      const { kind, nullable } = uploadColumns[name];
      const schema = schemaOf[kind]();
      return [name, nullable ? schema.nullable() : schema];
    }),
  ) as UploadJsonShape,
);

export type UploadJson = z.infer<typeof uploadJsonSchema>;

export function uploadJson(upload: UploadRow): UploadJson {
  const json: Record<string, unknown> = {};
  for (const name of jsonColumns) json[name] = jsonValue(uploadColumns[name].kind, upload[name]);
  return json as UploadJson;
}

function jsonValue(kind: ColumnKind, value: unknown): unknown {
  if (kind === "jsonb") return value ?? {};
  if (value === null) return null;
  if (kind === "bigint") return Number(value);
  if (kind === "timestamptz") return (value as Date).toISOString();
  return value;
}
