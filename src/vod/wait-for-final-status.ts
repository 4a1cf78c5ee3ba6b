// `vod-tracker upload --wait`: follows the upload through the service's own API (GET /v1/uploads/:ref) until it
// reaches a final status, printing each change. Final = PROCESSED, FAILED or DELETED; or UPLOADED when no task
// flow was asked for (such an upload stays UPLOADED).
import { AppError } from "../errors.js";

const POLL_MS = 1000;

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
    const response = await fetch(new URL(`/v1/uploads/${encodeURIComponent(options.ref)}`, options.trackerUrl), {
      headers: { authorization: `Bearer ${options.apiToken}` },
    }).catch((error: unknown) => {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, …) is in its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new AppError(
        "invalid_request",
        `the service at ${options.trackerUrl} is unreachable (${reason}): check TRACKER_URL`,
      );
    });
    if (response.status === 401 || response.status === 403) {
      throw new AppError("unauthenticated", `the service refused the API token (${response.status}); set API_TOKENS`);
    }
    if (response.ok) {
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
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? POLL_MS));
  }
}
