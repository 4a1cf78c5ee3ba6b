// Batched status reads, the read side of group commit (DESIGN §10): app backends poll GET /v1/uploads/:ref and
// list pages; lookups that arrive while statements are in flight are answered together by the next statement —
// one round trip and one statement per batch — and a lone lookup runs at once. At 64 concurrent pollers, one
// statement per lookup left the service at ~0.25 of a bare Express route on this machine (bench/results.md).
// Each answer is as fresh as a statement of its own would be: its statement starts after the request arrived.
import { batchWhileBusy } from "./batch-while-busy.js";
import type { Db } from "./db.js";
import { findUploads } from "./find-uploads.js";
import type { Upload } from "./generated/client.js";
import { listUploadPages, pageShape, type PageRequest, type UploadPage } from "./list-uploads.js";

export interface UploadReader {
  /** ref = an `upl_` id or a VOD FileId (as findUpload). */
  find(ref: string): Promise<Upload | null>;
  list(request: PageRequest): Promise<UploadPage>;
}

export function createUploadReader(db: Db): UploadReader {
  return {
    find: batchWhileBusy((refs: string[]) => findUploads(db.pool, refs)),
    // Pages carry up to 201 rows each: smaller batches keep one statement's answer to a few MB.
    list: batchWhileBusy((requests: PageRequest[]) => listUploadPages(db.pool, requests), { shapeOf: pageShape, maxBatch: 50 }),
  };
}
