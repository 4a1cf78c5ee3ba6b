// A page of the list route as JSON text, joined from the parts PostgreSQL wrote of its uploads' answers
// (status-json-of-parts.ts): the same bytes res.json gave for { items, nextCursor }. Joined once, by join(): a flat
// text, which the answer encodes as it stands (one built with + is copied flat first, 40 KB more garbage a page).
import type { UploadJsonPage } from "../db/list-upload-json-pages.js";
import { partsPerUpload } from "../db/upload-json-parts.js";
import { statusJsonOfParts } from "./status-json-of-parts.js";
import { encodeCursor } from "./upload-cursor.js";

export function uploadPageJsonText(page: UploadJsonPage, options: { outputs: boolean }): string {
  const texts = [`{"items":[`];
  for (let at = 0; at < page.parts.length; at += partsPerUpload) {
    texts.push(at === 0 ? "" : ",", statusJsonOfParts(page.parts, at, options));
  }
  texts.push(`],"nextCursor":${page.next ? `"${encodeCursor(page.next)}"` : "null"}}`);
  return texts.join("");
}
