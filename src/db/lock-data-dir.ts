// PGlite has no data-directory lock of its own: two processes on one directory lose writes (DESIGN §5). We take
// one with an exclusive-create lock file holding our pid; a lock left by a dead process is taken over.
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";

/** Lock files this process holds: a second open of the same directory in one process is refused too. */
const held = new Set<string>();

export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(fs.realpathSync(dir), "vod-tracker.lock");
  if (held.has(lockPath)) {
    throw new AppError("conflict", `data directory ${dir} is in use by process ${process.pid} (this one)`);
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      held.add(lockPath);
      return () => {
        held.delete(lockPath);
        if (readPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readPid(lockPath);
      // Our own pid in a lock we do not hold = left by an earlier process that had the same pid (containers).
      if (holder !== null && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          "conflict",
          `data directory ${dir} is in use by process ${holder}; stop it or set DATA_DIR to another directory`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new AppError("conflict", `could not lock data directory ${dir}`);
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
