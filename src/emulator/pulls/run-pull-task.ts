// What VOD does after answering PullUpload: fetch the URL and make media of it, then PullComplete (and the
// procedure's events, storeMedia). The emulator fetches only from this machine (loopback: 127.0.0.0/8, ::1,
// localhost) — it stands in for VOD in tests and demos and must never reach the internet; any other host, a failed
// fetch, a non-2xx answer or an empty body finish the task with ErrCode 60000, VOD's "source file error"
// (SDK PullUploadTask.ErrCode: 40000 bad parameters, 60000 bad source file, 70000 internal error). Redirects are
// not followed (one could leave loopback).
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { EmulatorState, PullTaskRecord } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { storeMedia } from "../uploads/store-media.js";
import { pullCompleteEvent } from "./pull-complete-event.js";

export const SOURCE_FILE_ERROR = 60000;
const FETCH_TIMEOUT_MS = 30_000;

export async function runPullTask(
  state: EmulatorState,
  events: EventDispatcher,
  task: PullTaskRecord,
  log: (line: string) => void,
): Promise<void> {
  const timers = state.timers;
  const url = new URL(task.mediaUrl);
  if (!isLoopback(url.hostname)) {
    return fail(`${url.hostname} is not on this machine: the emulator pulls from loopback only`);
  }
  let bytes: Buffer;
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    bytes = Buffer.from(await response.arrayBuffer());
    if (timers.closed) return;
    if (response.status < 200 || response.status >= 300) return fail(`the source answered HTTP ${response.status}`);
    if (bytes.length === 0) return fail("the source answered an empty body");
  } catch (error) {
    if (timers.closed) return;
    return fail(`the source could not be fetched (${error instanceof Error ? error.message : String(error)})`);
  }

  const path = task.storagePath ?? `/${randomBytes(8).toString("hex")}/f0.${task.mediaType}`;
  const at = Date.now();
  state.objects.set(path, { path, bytes, etag: "", contentType: "application/octet-stream", lastModified: at });
  const media = storeMedia(
    state,
    events,
    {
      subAppId: task.subAppId,
      name: task.mediaName ?? baseName(url),
      type: task.mediaType,
      size: bytes.length,
      storageRegion: task.storageRegion,
      storagePath: task.storagePath ?? "",
      objectPaths: [path],
      coverType: task.coverUrl ? task.coverUrl.slice(task.coverUrl.lastIndexOf(".") + 1).toLowerCase() : undefined,
      classId: task.classId,
      sourceContext: task.sourceContext,
      sessionContext: task.sessionContext,
      expireTime: task.expireTime,
      clientUpload: false,
      procedure: task.procedure,
      taskPriority: task.priority,
      taskNotifyMode: "Finish",
    },
    (stored) => pullCompleteEvent(task, stored),
  );
  Object.assign(task, { finishAt: at, errCode: 0, message: "SUCCESS", fileId: media.fileId });
  log(`pull ${task.taskId}: ${bytes.length} bytes → FileId ${media.fileId}`);

  function fail(reason: string): void {
    Object.assign(task, { finishAt: Date.now(), errCode: SOURCE_FILE_ERROR, message: `Source file error: ${reason}` });
    log(`pull ${task.taskId} failed: ${reason}`);
    events.emit(pullCompleteEvent(task, undefined));
  }
}

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

/** The file name of the URL without its extension: VOD's default MediaName [INFERRED]. */
function baseName(url: URL): string | undefined {
  const raw = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // A malformed escape: keep the name as written.
  }
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.slice(0, dot) : name) || undefined;
}
