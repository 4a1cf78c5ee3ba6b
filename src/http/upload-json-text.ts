// The Upload JSON of the API contract (upload-json.ts), written straight from the text PostgreSQL sent
// (db/upload-text.ts): byte for byte what JSON.stringify(uploadJson(upload)) gives, without the Date, row and JSON
// objects between (test/api/upload-answer-text.test.ts holds the two together). The status answers written from text
// use it (upload-status-json-text.ts); the polled GET and the list write theirs from parts (status-json-of-parts.ts).
import { isoTime } from "../db/iso-time.js";
import { compactJsonbText } from "./compact-jsonb-text.js";
import { uploadTextColumns, type UploadText } from "../db/upload-text.js";
import { jsonColumns, uploadColumns, type ColumnKind } from "../uploads/upload-columns.js";

// The JSON of each kind from PostgreSQL's text; null is written as null (metadata is NOT NULL).
const jsonOf: Record<ColumnKind, (text: string) => string> = {
  text: (text) => JSON.stringify(text),
  enum: (text) => JSON.stringify(text),
  // int4's text is already the number's shortest decimal.
  int: (text) => text,
  // As uploadJson's Number(bigint): past 2^53 the digits would differ.
  bigint: (text) => String(Number(text)),
  timestamptz: (text) => `"${isoTime(text)}"`,
  // As parsed and written again (jsonb's text has spaces and keeps numbers as written: 60.50), in one pass.
  jsonb: (text) => compactJsonbText(text) ?? JSON.stringify(JSON.parse(text)),
};

const fields = jsonColumns.map((name, n) => ({
  at: uploadTextColumns.indexOf(name),
  key: `${n === 0 ? "{" : ","}${JSON.stringify(name)}:`,
  write: jsonOf[uploadColumns[name].kind],
}));

export function uploadJsonText(upload: UploadText): string {
  let json = "";
  for (const { at, key, write } of fields) {
    const text = upload[at];
    json += key + (text == null ? "null" : write(text));
  }
  return `${json}}`;
}
