// One API call, as Tencent Cloud API 3.0 answers it: authenticate (TC3) → version → action → parameters → result,
// always HTTP 200 with {"Response": {...}}; failures carry {"Error": {Code, Message}} because the Node SDK only
// reads an error code from a 200 answer (vod-reference §8).
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { ActionContext } from "./action-context.js";
import { ApiError } from "./api-error.js";
import { actionTable } from "./action-table.js";
import { verifyTc3Request } from "./verify-tc3-request.js";

export const API_VERSION = "2018-07-17";

export interface RawApiRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ApiEnvelope {
  Response: Record<string, unknown> & { RequestId: string };
}

export async function handleApiRequest(
  request: RawApiRequest,
  context: Omit<ActionContext, "region">,
): Promise<ApiEnvelope> {
  const requestId = randomUUID();
  const action = header(request.headers, "x-tc-action") ?? "";
  try {
    const result = await run(request, context, action);
    context.log(`api ${action} ok`);
    return { Response: { ...result, RequestId: requestId } };
  } catch (error) {
    const apiError =
      error instanceof ApiError ? error : new ApiError("InternalError", "An internal error occurred in the emulator.");
    if (!(error instanceof ApiError)) context.log(`api ${action} crashed: ${String(error)}`);
    else context.log(`api ${action} → ${apiError.code}`);
    return { Response: { Error: { Code: apiError.code, Message: apiError.message }, RequestId: requestId } };
  }
}

async function run(
  request: RawApiRequest,
  context: Omit<ActionContext, "region">,
  action: string,
): Promise<Record<string, unknown>> {
  const { keys } = context.state;
  const verdict = verifyTc3Request(
    request,
    (secretId) => keys.find((pair) => pair.secretId === secretId)?.secretKey,
    Math.floor(Date.now() / 1000),
  );
  if (!verdict.ok) throw new ApiError(verdict.code, verdict.message);

  const version = header(request.headers, "x-tc-version");
  if (version === undefined) throw new ApiError("MissingParameter", "The request is missing X-TC-Version.");
  if (version !== API_VERSION) throw new ApiError("NoSuchVersion", `VOD has no API version ${version}.`);
  if (!action) throw new ApiError("MissingParameter", "The request is missing X-TC-Action.");
  const handler = actionTable.get(action);
  if (!handler) throw new ApiError("InvalidAction", `The action ${action} is not supported by the VOD emulator.`);

  let params: unknown;
  try {
    params = request.body.length === 0 ? {} : JSON.parse(request.body.toString("utf8"));
  } catch {
    throw new ApiError("InvalidParameter", "The request body is not valid JSON.");
  }
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new ApiError("InvalidParameter", "The request body must be a JSON object.");
  }
  return handler(params, { ...context, region: header(request.headers, "x-tc-region") || undefined });
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
