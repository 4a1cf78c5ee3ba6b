// A page of the list route as JSON text, straight from the uploads' text (upload-json-text.ts says why): the same
// bytes res.json gave for { items, nextCursor }.
import type { UploadTextPage } from "../db/list-uploads.js";
import { encodeCursor } from "./upload-cursor.js";
import { uploadJsonText } from "./upload-json-text.js";

export function uploadPageJsonText(page: UploadTextPage): string {
  const nextCursor = page.next ? `"${encodeCursor(page.next)}"` : "null";
  return `{"items":[${page.items.map(uploadJsonText).join(",")}],"nextCursor":${nextCursor}}`;
}
