// The polled reads of the app API as the parts of each upload's answer (upload-json-parts.ts), batched as
// create-upload-reader.ts batches its reads (the read side of group commit, DESIGN §10): GET /v1/uploads/:ref and
// pages of GET /v1/uploads. One per database, made at its first read, so that concurrent requests of one pool meet
// in one batcher.
import { createBatcher } from "./create-batcher.js";
import type { Db } from "./db.js";
import { findUploadJson } from "./find-upload-json.js";
import { listUploadJsonPages, type UploadJsonPage } from "./list-upload-json-pages.js";
import type { UploadJsonParts } from "./upload-json-parts.js";
import { samePageShape, type PageRequest } from "./upload-pages-statement.js";

export interface UploadJsonReader {
  /** ref = an `upl_` id or a VOD FileId; with the upload's outputs. */
  find: (ref: string) => Promise<UploadJsonParts | null>;
  list: (request: PageRequest) => Promise<UploadJsonPage>;
}

const readers = new WeakMap<Db, UploadJsonReader>();

export function uploadJsonReader(db: Db): UploadJsonReader {
  let reader = readers.get(db);
  if (!reader) readers.set(db, (reader = createReader(db)));
  return reader;
}

function createReader(db: Db): UploadJsonReader {
  // As create-upload-reader.ts: one SQL text per filter shape, a batch takes the shape of the oldest waiting
  // request; pages carry up to 201 rows each, and smaller batches keep one statement's answer to a few MB.
  const list = createBatcher((requests: PageRequest[]) => listUploadJsonPages(db.pool, requests), {
    maxBatch: 50,
    admit: samePageShape,
  });
  return { find: createBatcher((refs: string[]) => findUploadJson(db.pool, refs)), list };
}
