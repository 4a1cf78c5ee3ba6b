// The NODE_OPTIONS the Docker image sets (they size V8's heap, so they decide RSS): the benchmarks start the
// service with them, as it runs in production.
import { readFileSync } from "node:fs";

export function imageNodeOptions(): string {
  return /^\s*NODE_OPTIONS="([^"]*)"/m.exec(readFileSync("Dockerfile", "utf8"))?.[1] ?? "";
}
