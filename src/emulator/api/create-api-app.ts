// The emulated VOD API endpoint: POST / with a TC3-signed JSON body (the raw bytes are kept, the signature covers
// them), the client upload endpoint POST /v3/index.php (signature-authenticated, ugc/), plus the emulator's own
// control endpoints under /_emulator. No side effects until listened on.
import { randomUUID } from "node:crypto";
import express, { type ErrorRequestHandler, type Express } from "express";
import { createControlRouter } from "../control/create-control-router.js";
import type { EmulatorState } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { createUgcRouter, UGC_PATH } from "../ugc/create-ugc-router.js";
import { UgcError } from "../ugc/ugc-error.js";
import { handleApiRequest, type ApiEnvelope } from "./handle-api-request.js";

export interface ApiAppDependencies {
  state: EmulatorState;
  events: EventDispatcher;
  reset: () => void;
  log: (line: string) => void;
}

export function createApiApp({ state, events, reset, log }: ApiAppDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use("/_emulator", createControlRouter(state, reset, events));
  app.use(createUgcRouter({ state, events, log }));
  app.post("/", express.raw({ type: () => true, limit: "10mb" }), async (req, res) => {
    const envelope = await handleApiRequest(
      {
        method: req.method,
        path: "/",
        query: req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?") + 1) : "",
        headers: req.headers,
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      },
      { state, events, log },
    );
    if (dropsAnswer(state, req.headers["x-tc-action"], envelope)) {
      log(`api ${String(req.headers["x-tc-action"])}: done, answer dropped on purpose (dropNext…Answers)`);
      req.socket.destroy();
      return;
    }
    res.status(200).json(envelope);
  });
  // Body-parser failures (Errors from http-errors, with a status and a type): each API answers in its own envelope
  // (HTTP 200, so the SDKs read the code), the control endpoints in plain JSON.
  const answerInJson: ErrorRequestHandler = (error: Error & { status?: number; type?: string }, req, res, _next) => {
    const tooLarge = error.type === "entity.too.large";
    if (req.path === "/") {
      const code = tooLarge ? "RequestSizeLimitExceeded" : "InvalidRequest";
      res.status(200).json({ Response: { Error: { Code: code, Message: String(error) }, RequestId: randomUUID() } });
    } else if (req.path === UGC_PATH) {
      const refusal = new UgcError("invalidRequest", `invalid request: ${String(error)}`);
      res.status(200).json({ code: refusal.code, message: refusal.message });
    } else {
      res.status(error.status ?? 500).json({ error: { code: "invalid_request", message: String(error) } });
    }
  };
  app.use(answerInJson);
  return app;
}

/** A CommitUpload or PullUpload that took effect, while settings.dropNext…Answers asks for lost answers. */
function dropsAnswer(state: EmulatorState, action: string | string[] | undefined, envelope: ApiEnvelope): boolean {
  const setting =
    action === "CommitUpload"
      ? "dropNextCommitAnswers"
      : action === "PullUpload"
        ? "dropNextPullUploadAnswers"
        : undefined;
  if (!setting || "Error" in envelope.Response || state.settings[setting] <= 0) return false;
  state.settings[setting] -= 1;
  return true;
}
