// wrk (C, one thread) as the load generator of the ratio benchmarks: autocannon, in Node, took a good part of one of
// the machine's two cores from the service and PostgreSQL. Each request is a unique current-format NewFileUpload of
// ~1.2 KB (its FileId, and so its dedupe key, made from a counter in wrk's Lua), as the shared yardstick's service
// side says. With `mix`, every third request is instead the six-output ProcedureStateChanged of
// test/support/procedure-callback-body.ts (~5 KB) for the file the request before it uploaded (issue 14's figure).
// Needs Debian's wrk (apt-get install wrk).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { callbackBody } from "../test/support/callback-body.js";
import { procedureCallbackBody } from "../test/support/procedure-callback-body.js";

export interface WrkResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  socketErrors: number;
}

const MARK = "FILEIDMARK";
const TASK_MARK = "TASKIDMARK";

const N_MARK = "NUMBERMARK";

/**
 * Writes the Lua script into dir; the body is callbackBody's NewFileUpload with its FileId swapped per request, and
 * with `mix` every third one the six-output result for the previous request's FileId (its TaskId unique too). With
 * `varied`, request n is callbackBody(n)'s kind instead (n % 5: the current and the 2017 format's NewFileUpload, a
 * ProcedureStateChanged with a transcode, a FileDeleted), with n's FileId, name and SourceContext, as bench/ingest.ts
 * sent them through autocannon. `prefix` (digits) starts every FileId; runs that must not collide pass their own.
 */
export function writeWrkScript(
  dir: string,
  options: { mix?: boolean; varied?: boolean; prefix?: string } = {},
): string {
  const body = callbackBody(0);
  const fileId = (JSON.parse(body) as { FileUploadEvent: { FileId: string } }).FileUploadEvent.FileId;
  const template = body.replaceAll(fileId, MARK);
  const procedure = procedureCallbackBody(0, MARK);
  const taskId = (JSON.parse(procedure) as { ProcedureStateChangeEvent: { TaskId: string } }).ProcedureStateChangeEvent
    .TaskId;
  const procedureTemplate = procedure.replaceAll(taskId, TASK_MARK);
  // callbackBody(k)'s FileId ends in k's nine digits; its name and SourceContext end in k.
  const varied = [0, 1, 2, 3, 4].map((k) =>
    callbackBody(k)
      .replaceAll(callbackBody(k).match(/"(?:FileId|fileId)":"(\d+)"/)?.[1] ?? "no FileId", MARK)
      .replaceAll(`lesson-${k}"`, `lesson-${N_MARK}"`)
      .replaceAll(`order-${k}"`, `order-${N_MARK}"`),
  );
  const prefix = options.prefix
    ? `"${options.prefix}"`
    : `"7" .. tostring(os.time() % 100000000) .. tostring(math.random(100, 999))`;
  const file = path.join(dir, options.varied ? "varied.lua" : options.mix ? "mixed.lua" : "new-file-upload.lua");
  writeFileSync(
    file,
    `
local counter = 0
local prefix = ${prefix}
local template = [==[${template}]==]
local procedure = [==[${procedureTemplate}]==]
local varied = { ${options.varied ? varied.map((text) => `[==[${text}]==]`).join(", ") : ""} }
local mix = ${options.mix ? "true" : "false"}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local body
  if #varied > 0 then
    body = varied[counter % 5 + 1]:gsub("${MARK}", prefix .. string.format("%09d", counter))
    body = body:gsub("${N_MARK}", tostring(counter))
  elseif mix and counter % 3 == 0 then
    body = procedure:gsub("${MARK}", prefix .. string.format("%09d", counter - 1))
    body = body:gsub("${TASK_MARK}", "procedurev2-" .. prefix .. string.format("%09d", counter))
  else
    body = template:gsub("${MARK}", prefix .. string.format("%09d", counter))
  end
  return wrk.format(nil, nil, nil, body)
end
`,
  );
  return file;
}

export async function runWrk(options: {
  url: string;
  connections: number;
  seconds: number;
  script: string;
}): Promise<WrkResult> {
  const { stdout: output } = await promisify(execFile)(
    "wrk",
    ["-t1", `-c${options.connections}`, `-d${options.seconds}s`, "--latency", "-s", options.script, options.url],
    { encoding: "utf8" },
  );
  const ms = (label: string) => {
    const match = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, "m").exec(output);
    if (!match) return Number.NaN;
    const value = Number(match[1]);
    return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
  };
  const requests = Number(/(\d+) requests in ([\d.]+)(m?s)/.exec(output)?.[1] ?? 0);
  const durationMatch = /\d+ requests in ([\d.]+)(ms|s|m)/.exec(output);
  const seconds = durationMatch
    ? Number(durationMatch[1]) * (durationMatch[2] === "ms" ? 0.001 : durationMatch[2] === "m" ? 60 : 1)
    : options.seconds;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requests,
    seconds,
    perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0),
    p50Ms: ms("50"),
    p99Ms: ms("99"),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}
