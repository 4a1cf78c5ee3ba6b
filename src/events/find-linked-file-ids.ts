// Every FileId a body names, at any depth, for events whose files are not where a schema looks (EditMediaComplete's
// Input.FileInfoSet, ComposeMediaComplete's track items, event types VOD adds): the event is linked to each, so every
// one of those files' timelines shows it (DESIGN §4, VodEventFile). Keys: FileId, FileIds, FileIdSet, FileIdList,
// SrcFileId, SourceFileId in either case; and SourceMedia (ComposeMedia's track items), which is a FileId or a URL,
// so only digits count there. Not for NewFileUpload, ProcedureStateChanged or FileDeleted: their FileIds are known,
// and they are the hot path.
// Bounded for hostile bodies: MAX_DEPTH levels, MAX_VISITS values, MAX_LINKS FileIds; an explicit stack, no recursion.
import type { ExactDigits } from "./exact-integers.js";
import { readFileId } from "./fields/read-file-id.js";

const FILE_ID_KEY = /^(?:src|source)?fileid(?:s|set|list)?$/i;
const SOURCE_MEDIA_KEY = /^sourcemedia$/i;
const MAX_DEPTH = 64;
const MAX_VISITS = 200_000;
const MAX_LINKS = 1_000;

export function findLinkedFileIds(root: unknown, exact: ExactDigits, exclude: ReadonlyArray<string | null>): string[] {
  const found = new Set<string>();
  const skip = new Set(exclude);
  const add = (value: unknown, digitsOnly: boolean) => {
    if (digitsOnly && !(typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value)))) return;
    const fileId = readFileId(value, exact);
    if (fileId !== null && !skip.has(fileId) && found.size < MAX_LINKS) found.add(fileId);
  };
  // Document order: children are pushed last-first.
  const stack: Array<[unknown, number]> = [[root, 0]];
  let visits = 0;
  while (stack.length > 0 && visits < MAX_VISITS) {
    const [node, depth] = stack.pop() as [unknown, number];
    visits += 1;
    if (typeof node !== "object" || node === null || depth >= MAX_DEPTH) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push([node[i], depth + 1]);
      continue;
    }
    const keys = Object.keys(node);
    for (const key of keys) {
      const value = (node as Record<string, unknown>)[key];
      const named = FILE_ID_KEY.test(key);
      if (!named && !SOURCE_MEDIA_KEY.test(key)) continue;
      for (const element of Array.isArray(value) ? value : [value]) add(element, !named);
    }
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const value = (node as Record<string, unknown>)[keys[i] as string];
      if (typeof value === "object" && value !== null) stack.push([value, depth + 1]);
    }
  }
  return [...found];
}
