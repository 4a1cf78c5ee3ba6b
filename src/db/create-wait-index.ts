// The process's index of waits for the upload watch (create-upload-watch.ts): who waits on which upload, by upload id
// and by FileId (a notification names either), and the version of each waited upload last seen (the poll's
// yardstick). In memory only; the watch does the I/O.
export interface Wait {
  uploadId: string;
  fileId: string | null;
  onChange: (closing: boolean) => void;
}

export interface WaitIndex<W extends Wait> {
  add(wait: W): void;
  /** False when it was not there (stopped twice). */
  remove(wait: W): boolean;
  has(wait: W): boolean;
  setFileId(wait: W, fileId: string): void;
  /** Tells the waits on these refs, or every wait for null. */
  wake: (refs: readonly string[] | null) => void;
  /** The version of `uploadId` now: its waits are told when it moved since the last one seen. */
  observe(uploadId: string, version: string | null): void;
  uploadIds(): string[];
  all(): W[];
  size(): number;
}

export function createWaitIndex<W extends Wait>(): WaitIndex<W> {
  const waits = new Set<W>();
  const byRef = new Map<string, Set<W>>();
  const versions = new Map<string, string | null>();
  const link = (ref: string, wait: W) => {
    let set = byRef.get(ref);
    if (!set) byRef.set(ref, (set = new Set()));
    set.add(wait);
  };
  const unlink = (ref: string, wait: W) => {
    const set = byRef.get(ref);
    set?.delete(wait);
    if (set?.size === 0) byRef.delete(ref);
  };
  const wake = (refs: readonly string[] | null) => {
    if (refs === null) for (const wait of waits) wait.onChange(false);
    else for (const ref of refs) for (const wait of byRef.get(ref) ?? []) wait.onChange(false);
  };
  return {
    add(wait) {
      waits.add(wait);
      link(wait.uploadId, wait);
      if (wait.fileId !== null) link(wait.fileId, wait);
    },
    remove(wait) {
      if (!waits.delete(wait)) return false;
      unlink(wait.uploadId, wait);
      if (wait.fileId !== null) unlink(wait.fileId, wait);
      if (!byRef.has(wait.uploadId)) versions.delete(wait.uploadId);
      return true;
    },
    has: (wait) => waits.has(wait),
    setFileId(wait, fileId) {
      if (wait.fileId !== null) unlink(wait.fileId, wait);
      wait.fileId = fileId;
      link(fileId, wait);
    },
    wake,
    observe(uploadId, version) {
      if (versions.has(uploadId) && versions.get(uploadId) !== version) wake([uploadId]);
      if (byRef.has(uploadId)) versions.set(uploadId, version);
    },
    uploadIds: () => [...new Set([...waits].map((wait) => wait.uploadId))],
    all: () => [...waits],
    size: () => waits.size,
  };
}
