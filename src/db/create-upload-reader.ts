// Batched status reads, the read side of group commit (DESIGN §10): app backends poll GET /v1/uploads/:ref and
// list pages; lookups that arrive while statements are in flight are answered together by the next statement —
// one round trip and one statement per batch — and a lone lookup runs at once (create-batcher.ts). At 64
// concurrent pollers, one statement per lookup left the service at ~0.25 of a bare Express route on this machine
// (bench/results.md). Each answer is as fresh as a statement of its own would be: its statement starts after the
// request arrived.
// The routes read uploads as PostgreSQL wrote them, with what the status answer adds (findText, listText:
// status-text.ts), and answer straight from the text; find and list are the same batched reads as Prisma's Upload.
import { createBatcher } from "./create-batcher.js";
import type { Db } from "./db.js";
import { findUploadStatuses } from "./find-upload-statuses.js";
import type { Upload } from "./generated/client.js";
import { listUploadPages, type PageRequest, type UploadPage, type UploadTextPage } from "./list-uploads.js";
import { samePageShape } from "./upload-pages-statement.js";
import { uploadOfText } from "./upload-of-text.js";
import type { StatusText } from "./status-text.js";

// Properties, not methods: each is a closure that callers may pass around unbound (`pages.map(reader.list)`).
export interface UploadReader {
  /** ref = an `upl_` id or a VOD FileId (as findUpload). */
  find: (ref: string) => Promise<Upload | null>;
  list: (request: PageRequest) => Promise<UploadPage>;
  /** With the upload's outputs and its tasks' statuses (status-text.ts). */
  findText: (ref: string) => Promise<StatusText | null>;
  listText: (request: PageRequest) => Promise<UploadTextPage>;
}

export function createUploadReader(db: Db): UploadReader {
  const findText = createBatcher((refs: string[]) => findUploadStatuses(db.pool, refs));
  // One SQL text per filter shape: a batch takes the shape of the oldest waiting request. Pages carry up to 201
  // rows each: smaller batches keep one statement's answer to a few MB.
  const listText = createBatcher((requests: PageRequest[]) => listUploadPages(db.pool, requests), {
    maxBatch: 50,
    admit: samePageShape,
  });
  return {
    find: async (ref) => {
      const text = await findText(ref);
      return text && uploadOfText(text);
    },
    list: async (request) => {
      const { items, next } = await listText(request);
      return { items: items.map(uploadOfText), next };
    },
    findText,
    listText,
  };
}
