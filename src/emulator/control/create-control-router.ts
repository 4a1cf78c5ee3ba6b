// Emulator-only endpoints under /_emulator on the API port, for tests and demos. They are not part of VOD and need
// no signature: the emulator listens on loopback by default and holds no real data.
//   GET  /_emulator/health      → {"ok": true}
//   GET  /_emulator/state       → everything in memory (see emulatorSnapshot)
//   GET  /_emulator/events      → every event raised, with its route: push | pull | suppressed (switch OFF)
//   GET  /_emulator/deliveries  → every PUSH attempt: url, attempt, outcome, HTTP status or error, body sent
//   POST /_emulator/reset       → forget everything, back to the start options
//   POST /_emulator/config      → change settings, body = any subset of EmulatorSettings, e.g.
//        {"eventFormat": "legacy", "procedureDelayMs": 200, "procedureOutcome": "failure", "pullHoldMs": 100,
//         "redeliveryMs": 1000, "pushRetryDelaysMs": [50, 100], "pushTimeoutMs": 2000,
//         "dropNextPushes": 1, "duplicateNextPushes": 1, "dropNextCommitAnswers": 1,
//         "dropNextPullUploadAnswers": 1, "taskRetentionMs": 0}
//        → 200 {"settings": …} | 400 {"error": …}
//   POST /_emulator/review      → the moderation verdict of a FileId, {"fileId", "suggestion": "pass"|"review"|
//        "block", "label"?, "confidence"?, "form"?, "emit"?}: later reviews of the file reach it, and (unless emit is
//        false) a review runs on an existing file now → 200 {"verdict": …, "taskId": "…"|null} | 400 {"error": …}
//        (set-review-verdict.ts)
import express, { type Router } from "express";
import type { EmulatorState } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { setReviewVerdict } from "./set-review-verdict.js";
import { configureEmulator } from "./configure-emulator.js";
import { emulatorSnapshot } from "./emulator-snapshot.js";

export function createControlRouter(state: EmulatorState, reset: () => void, events: EventDispatcher): Router {
  const router = express.Router();
  router.use(express.json());
  router.get("/health", (_req, res) => {
    res.json({ ok: true });
  });
  router.get("/state", (_req, res) => {
    res.json(emulatorSnapshot(state));
  });
  router.get("/events", (_req, res) => {
    res.json(state.events);
  });
  router.get("/deliveries", (_req, res) => {
    res.json(state.deliveries);
  });
  router.post("/reset", (_req, res) => {
    reset();
    res.json({ ok: true });
  });
  router.post("/config", (req, res) => {
    const result = configureEmulator(state, req.body);
    if (result.ok) res.json({ settings: result.settings });
    else res.status(400).json({ error: { code: "invalid_request", issues: result.issues } });
  });
  router.post("/review", (req, res) => {
    const result = setReviewVerdict(state, events, req.body);
    if (result.ok) res.json({ verdict: result.verdict, taskId: result.taskId });
    else res.status(400).json({ error: { code: "invalid_request", issues: result.issues } });
  });
  return router;
}
