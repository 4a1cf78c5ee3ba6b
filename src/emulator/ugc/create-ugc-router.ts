// The client upload endpoint on the emulator's API port, at the path the upload SDKs use on vod2.qcloud.com:
// POST /v3/index.php?Action=ApplyUploadUGC | CommitUploadUGC. Point an SDK at it by replacing its host (the SDKs
// hard-code https://vod2.qcloud.com). The browser SDK posts JSON from the page's origin without credentials, so the
// endpoint answers CORS preflights and allows any origin, as a public signature-authenticated API must.
import express, { type Router } from "express";
import { handleUgcRequest } from "./handle-ugc-request.js";
import type { UgcContext } from "./ugc-context.js";

export const UGC_PATH = "/v3/index.php";

export function createUgcRouter(context: Omit<UgcContext, "host">): Router {
  const router = express.Router();
  router.use(UGC_PATH, (req, res, next) => {
    res.set({
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "POST, OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
    });
    if (req.method === "OPTIONS") res.sendStatus(204);
    else next();
  });
  router.post(UGC_PATH, express.raw({ type: () => true, limit: "1mb" }), (req, res) => {
    const action = typeof req.query.Action === "string" ? req.query.Action : "";
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const reply = handleUgcRequest(action, body, { ...context, host: req.headers.host ?? "" });
    res.status(reply.status).json(reply.body);
  });
  return router;
}
