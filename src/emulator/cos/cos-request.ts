// A request to the emulated COS endpoint after parsing, and the answer a handler gives. With cos-nodejs-sdk-v5's
// `Domain: "127.0.0.1:<cosPort>"` the bucket is not in the URL, so objects are addressed by path alone.
import type { IncomingHttpHeaders } from "node:http";
import type { UploadSession } from "../emulator-state.js";

export interface CosRequest {
  method: string;
  /** Decoded URL path: "/" + object key, e.g. "/3f9a…/f0.mp4" (the SDK strips the key's own leading "/"). */
  path: string;
  /** Decoded query parameters in URL order; flags like `?uploads` have the value "". */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AuthorizedCosRequest extends CosRequest {
  session: UploadSession;
}

export interface CosReply {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export function queryValue(request: CosRequest, name: string): string | undefined {
  return request.query.find(([key]) => key === name)?.[1];
}
