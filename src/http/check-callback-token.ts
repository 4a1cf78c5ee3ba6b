// The callback's `?token=` check (DESIGN §6), run before the body is read, in constant time. Fail closed: with no
// check configured nothing is accepted (start-up refuses this in production).
import { AppError } from "../errors.js";
import { constantTimeIncludes } from "./constant-time-includes.js";

export interface CallbackAuth {
  tokens: readonly string[];
  signKeys: readonly string[];
}

export function checkCallbackToken({ tokens, signKeys }: CallbackAuth, token: unknown): void {
  if (tokens.length === 0 && signKeys.length === 0)
    throw new AppError("unauthenticated", "callback authentication is not configured");
  if (tokens.length === 0) return;
  if (typeof token !== "string" || !constantTimeIncludes(tokens, token)) {
    throw new AppError("unauthenticated", token ? "callback token is not valid" : "callback token is missing");
  }
}
