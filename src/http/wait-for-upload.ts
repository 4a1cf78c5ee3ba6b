// The long poll of GET /v1/uploads/:ref?waitFor= (issue 16 §5): answer the status JSON as soon as the condition
// holds or can no longer hold (src/uploads/wait-condition.ts), else when the timeout passes, with the state then.
// The upload is read as the plain GET reads it (the batched reader), so the answer is the GET's bytes at that moment;
// between reads it holds no connection and costs no query: it sleeps until the process's upload watch
// (src/db/create-upload-watch.ts) says the upload may have changed. A client that goes away ends the wait at once.
import type { UploadReader } from "../db/create-upload-reader.js";
import type { UploadWatch, WatchHandle } from "../db/create-upload-watch.js";
import type { UploadStatusJson } from "../uploads/upload-status-json.js";
import { waitCondition, type WaitFor, type WaitState } from "../uploads/wait-condition.js";
import { uploadStatusJsonText } from "./upload-status-json-text.js";

export type WaitResult = "met" | "unreachable" | "timeout";

/** Kept past the timeout: a row whose process died is purged after this. */
const ROW_GRACE_MS = 30_000;

export async function waitForUpload(
  deps: { reader: UploadReader; watch: UploadWatch },
  ref: string,
  request: { waitFor: WaitFor; timeoutMs: number; signal: AbortSignal },
): Promise<{ text: string; result: WaitResult } | null> {
  const deadline = Date.now() + request.timeoutMs;
  let read = await readState(deps.reader, ref, request.waitFor);
  if (!read) return null;
  if (read.state !== "waiting" || request.signal.aborted) return answer(read);
  const bell = doorbell();
  const onAbort = () => bell.ring("abort");
  request.signal.addEventListener("abort", onAbort, { once: true });
  let handle: WatchHandle | null = null;
  try {
    handle = await deps.watch.watch(
      { id: read.json.id, fileId: read.json.fileId },
      new Date(deadline + ROW_GRACE_MS),
      (closing) => bell.ring(closing ? "closing" : "change"),
    );
    // Read again now that every wake-up reaches us: a change committed meanwhile would reach no one.
    for (let why = "change"; ;) {
      if (why === "abort" || request.signal.aborted) return answer(read);
      const next = await readState(deps.reader, ref, request.waitFor);
      if (!next) return null; // folded into another row and gone (a rare race with CommitUpload)
      read = next;
      if (read.state !== "waiting") return answer(read);
      if (why !== "change") return { text: read.text, result: "timeout" };
      if (read.json.fileId !== null) handle.setFileId(read.json.fileId);
      why = await bell.next(deadline);
    }
  } finally {
    request.signal.removeEventListener("abort", onAbort);
    handle?.stop();
  }
}

interface Read {
  text: string;
  json: Pick<UploadStatusJson, "id" | "fileId" | "status" | "ready">;
  state: WaitState;
}

async function readState(reader: UploadReader, ref: string, waitFor: WaitFor): Promise<Read | null> {
  const found = await reader.findText(ref);
  if (!found) return null;
  const text = uploadStatusJsonText(found, { outputs: true });
  const json = JSON.parse(text) as Read["json"];
  return { text, json, state: waitCondition(waitFor, json) };
}

const answer = (read: Read) => ({
  text: read.text,
  result: read.state === "waiting" ? ("timeout" as const) : read.state,
});

type Ring = "change" | "closing" | "abort";

/** Rings coalesce: several changes before the next look are one re-read. Closing and abort outrank a change. */
function doorbell() {
  let pending: Ring | null = null;
  let wakeUp: (() => void) | null = null;
  return {
    ring(why: Ring) {
      if (pending === null || pending === "change") pending = why;
      wakeUp?.();
    },
    async next(deadline: number): Promise<Ring | "timeout"> {
      if (pending === null) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
        clearTimeout(timer);
        wakeUp = null;
      }
      const why = pending ?? "timeout";
      pending = null;
      return why;
    },
  };
}
