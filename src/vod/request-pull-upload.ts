// `vod-tracker upload --from-url`: asks the service (its API, POST /v1/uploads/pull) to start a pull upload, so the
// service records the PENDING upload keyed by the pull TaskId and follows it — the CLI holds no VOD credentials for
// this path. Answer: {id, taskId, status}. A refusal keeps the service's error code (vod_rejected for a URL VOD
// refuses, vod_outcome_unknown when VOD's answer was lost, …).
import { AppError, errorCodes, type ErrorCode } from "../errors.js";

export interface PullRequest {
  mediaUrl: string;
  mediaName?: string | undefined;
  procedure?: string | undefined;
  storageRegion?: string | undefined;
  sourceContext?: string | undefined;
  sessionContext?: string | undefined;
}

export interface PullAccepted {
  id: string;
  taskId: string;
  status: string;
}

export async function requestPullUpload(
  service: { trackerUrl: string; apiToken: string },
  body: PullRequest,
): Promise<PullAccepted> {
  const response = await fetch(new URL("/v1/uploads/pull", service.trackerUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${service.apiToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch((error: unknown) => {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, …) is in its cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new AppError(
      "invalid_request",
      `the service at ${service.trackerUrl} is unreachable (${reason}): check TRACKER_URL`,
    );
  });
  const text = await response.text();
  const answer = parse(text);
  if (response.ok && typeof answer?.id === "string" && typeof answer.taskId === "string") {
    return { id: answer.id, taskId: answer.taskId, status: String(answer.status) };
  }
  if (response.status === 401 || response.status === 403) {
    throw new AppError("unauthenticated", `the service refused the API token (${response.status}); set API_TOKENS`);
  }
  const error = answer?.error as { code?: unknown; message?: unknown; details?: unknown } | undefined;
  const code = errorCodes.includes(error?.code as ErrorCode) ? (error!.code as ErrorCode) : "internal";
  const message = typeof error?.message === "string" ? error.message : text.slice(0, 200);
  throw new AppError(code, `the service answered ${response.status}: ${message}`, error?.details);
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
