// helmet's headers replayed on every answer Express writes, from one recording made at start-up
// (record-helmet-headers.ts).
import type { RequestHandler } from "express";
import { recordHelmetHeaders, type HelmetRecording } from "./record-helmet-headers.js";

export function helmetHeaders(recording: HelmetRecording = recordHelmetHeaders()): RequestHandler {
  const { set, removed } = recording;
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
