// The COS-compatible object endpoint that cos-nodejs-sdk-v5 uploads to with
// `{ Domain: "127.0.0.1:<cosPort>", Protocol: "http:", SecretId, SecretKey, SecurityToken }` (DESIGN §8): the SDK
// then sends every request to that host with the object key as the path and no bucket, so objects are stored in
// memory by path. Every request must pass verifyCosRequest. Errors are COS XML with x-cos-request-id.
import { randomBytes } from "node:crypto";
import express, { type Express, type Response } from "express";
import type { EmulatorState } from "../emulator-state.js";
import { CosError } from "./cos-error.js";
import type { CosReply, CosRequest } from "./cos-request.js";
import { handleMultipartRequest } from "./handle-multipart-request.js";
import { handleObjectRequest } from "./handle-object-request.js";
import { toCosXml } from "./to-cos-xml.js";
import { verifyCosRequest } from "./verify-cos-request.js";

const MULTIPART_PARAMS = ["uploads", "uploadId"];

export function createCosApp(state: EmulatorState, log: (line: string) => void): Express {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.use(express.raw({ type: () => true, limit: "2gb" }));
  app.use((req, res) => {
    const requestId = randomBytes(18).toString("base64");
    const queryAt = req.originalUrl.indexOf("?");
    const rawPath = queryAt < 0 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
    let reply: CosReply;
    try {
      const request: CosRequest = {
        method: req.method,
        path: decodePath(rawPath),
        query: parseQuery(queryAt < 0 ? "" : req.originalUrl.slice(queryAt + 1)),
        headers: req.headers,
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      };
      const session = verifyCosRequest(request, state, Math.floor(Date.now() / 1000));
      const authorized = { ...request, session };
      const multipart = request.query.some(([name]) => MULTIPART_PARAMS.includes(name));
      reply = multipart ? handleMultipartRequest(authorized, state) : handleObjectRequest(authorized, state);
    } catch (error) {
      const cosError = error instanceof CosError ? error : new CosError(500, "InternalError", String(error));
      const body = toCosXml("Error", {
        Code: cosError.code,
        Message: cosError.message,
        Resource: rawPath,
        RequestId: requestId,
      });
      reply = { status: cosError.status, headers: { "Content-Type": "application/xml" }, body };
    }
    log(`cos ${req.method} ${req.originalUrl} → ${reply.status}`);
    send(res, reply, requestId);
  });
  return app;
}

function send(res: Response, reply: CosReply, requestId: string): void {
  res.status(reply.status);
  res.set({ Server: "tencent-cos", "x-cos-request-id": requestId, ...reply.headers });
  if (reply.body === undefined) res.end();
  else res.send(reply.body);
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new CosError(400, "InvalidURI", "The object key is not valid percent-encoding.");
  }
}

/** Query as sent; "+" stays "+" because the SDK encodes spaces as %20. */
function parseQuery(query: string): Array<[string, string]> {
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf("=");
      const [name, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
      return [decodePath(name), decodePath(value)];
    });
}
