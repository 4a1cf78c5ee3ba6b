// A page of the list route as JSON text, straight from the uploads' text (upload-status-json-text.ts says why): the
// same bytes res.json gave for { items, nextCursor }.
import type { UploadTextPage } from "../db/list-uploads.js";
import { encodeCursor } from "./upload-cursor.js";
import { uploadStatusJsonText } from "./upload-status-json-text.js";

export function uploadPageJsonText(page: UploadTextPage, options: { outputs: boolean }): string {
  const nextCursor = page.next ? `"${encodeCursor(page.next)}"` : "null";
  const items = page.items.map((item) => uploadStatusJsonText(item, options));
  return `{"items":[${items.join(",")}],"nextCursor":${nextCursor}}`;
}
