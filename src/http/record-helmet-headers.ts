// helmet's headers, worked out once: with its default options every header helmet sets is the same on every
// answer, so instead of running its dozen middleware per request we run them once against a recorder and replay
// what they did. Options that make a header depend on the request (a CSP directive given as a function) cannot be
// recorded: those are refused here, at start-up, rather than answered with a stale value.
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

export interface HelmetRecording {
  set: ReadonlyArray<readonly [string, string]>;
  removed: readonly string[];
}

export function recordHelmetHeaders(options?: HelmetOptions): HelmetRecording {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== "string") throw new Error(`helmet set ${name} to a non-string value`);
      set.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  const request = new Proxy({} as IncomingMessage, {
    get(_target, property) {
      throw new Error(`helmet read the request (${String(property)}): its headers are not static`);
    },
  });
  let done = false;
  helmet(options)(request, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error instanceof Error) throw error;
    if (error !== undefined) throw new Error("helmet refused its options");
    done = true;
  });
  if (!done) throw new Error("helmet did not finish synchronously: its headers are not static");
  return { set, removed };
}
