// `vod-tracker upload --wait`: follows the upload through the service's own API until it reaches a final status,
// printing each change it sees. Final = PROCESSED, FAILED or DELETED; or UPLOADED when no task flow was asked for
// (such an upload stays UPLOADED). Long polls (GET /v1/uploads/:ref?waitFor=, issue 16 §5): first until the file is
// there (waitFor=uploaded, so UPLOADED is seen and printed), then waitFor=final, each at most 60 s, again and again
// until the --wait-timeout. A 404 (nothing recorded yet), an error, or a service too old to long-poll (no
// Wait-Result header) is asked again after a pause.
import { AppError } from "../errors.js";
import type { WaitFor } from "../uploads/wait-condition.js";

const POLL_MS = 1000;
/** The service's longest long poll, in seconds. */
const MAX_WAIT_S = 60;

export async function waitForFinalStatus(options: {
  trackerUrl: string;
  apiToken: string;
  ref: string;
  expectProcedure: boolean;
  timeoutMs: number;
  onChange?: (status: string) => void;
  pollMs?: number;
}): Promise<{ status: string; upload: Record<string, unknown> }> {
  const deadline = Date.now() + options.timeoutMs;
  let last: string | null = null;
  for (;;) {
    const waitFor: WaitFor = last === null || last === "PENDING" ? "uploaded" : "final";
    const seconds = Math.min(MAX_WAIT_S, Math.max(1, Math.ceil((deadline - Date.now()) / 1000)));
    const url = new URL(`/v1/uploads/${encodeURIComponent(options.ref)}`, options.trackerUrl);
    url.search = new URLSearchParams({ waitFor, timeout: String(seconds) }).toString();
    const response = await fetch(url, { headers: { authorization: `Bearer ${options.apiToken}` } }).catch(
      (error: unknown) => {
        // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, …) is in its cause.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const reason = cause?.code ?? cause?.message ?? (error as Error).message;
        throw new AppError(
          "invalid_request",
          `the service at ${options.trackerUrl} is unreachable (${reason}): check TRACKER_URL`,
        );
      },
    );
    if (response.status === 401 || response.status === 403) {
      throw new AppError("unauthenticated", `the service refused the API token (${response.status}); set API_TOKENS`);
    }
    let longPolled = false;
    if (response.ok) {
      longPolled = response.headers.has("wait-result");
      const upload = (await response.json()) as Record<string, unknown>;
      const status = String(upload.status);
      if (status !== last) options.onChange?.(status);
      last = status;
      if (["PROCESSED", "FAILED", "DELETED"].includes(status) || (status === "UPLOADED" && !options.expectProcedure)) {
        return { status, upload };
      }
    } else {
      await response.arrayBuffer(); // 404 until the first event or commit is recorded
    }
    if (Date.now() > deadline)
      throw new AppError(
        "invalid_request",
        `gave up waiting after ${options.timeoutMs / 1000} s; last status ${last ?? "unknown"}`,
      );
    // A long poll that answered has waited already (its timeout, or a state to wait on from).
    if (!longPolled) await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? POLL_MS));
  }
}
