// A callback body must be one JSON object. Anything else is refused before any other step (400).
import { AppError } from "../errors.js";

export function parseBody(raw: string): { body: Record<string, unknown>; text: string } {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw; // tolerate a UTF-8 byte-order mark
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "request body is not valid JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("invalid_json", "request body must be a JSON object");
  }
  return { body: body as Record<string, unknown>, text };
}
