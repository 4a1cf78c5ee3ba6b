// What a killed `vod-tracker upload` needs to resume: the ApplyUpload answer (session key, object key, temporary
// credentials) of that file. Kept under DATA_DIR/uploads, keyed by the file's path, size and mtime; removed after
// CommitUpload. COS keeps the parts already sent, and sliceUploadFile finds them again (ListParts).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { UploadTarget } from "./start-upload.js";

export interface ResumeState {
  target: UploadTarget;
  uploadId: string | null;
}

/** Credentials this close to expiry are not worth resuming with. */
const MIN_VALIDITY_MS = 5 * 60_000;

export function resumeStateFile(stateDir: string, filePath: string, stat: fs.Stats, options: unknown): string {
  const key = createHash("sha256")
    .update(JSON.stringify([path.resolve(filePath), stat.size, stat.mtimeMs, options]))
    .digest("hex");
  return path.join(stateDir, "uploads", `${key.slice(0, 32)}.json`);
}

export function readResumeState(file: string, now = Date.now()): ResumeState | null {
  try {
    const state = JSON.parse(fs.readFileSync(file, "utf8")) as ResumeState;
    const expires = state.target.expiresAt ? Date.parse(state.target.expiresAt) : 0;
    return expires - now > MIN_VALIDITY_MS ? state : null;
  } catch {
    return null;
  }
}

export function writeResumeState(file: string, state: ResumeState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 }); // holds temporary credentials
}

export function removeResumeState(file: string): void {
  fs.rmSync(file, { force: true });
}
