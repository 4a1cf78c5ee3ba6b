// The command line's grammar (commander): every command, its options with their types, and its help. Nothing here
// reads the configuration, opens the database or calls VOD, and a command's modules are imported only when it
// runs: `--help` has no side effects, and `serve` carries no upload, COS or emulator code.
import fs from "node:fs";
import { Command as Program, Option } from "commander";
import { olderThanSchema } from "../db/prune-events.js";
import type { Command } from "./command.js";
import type { ConfigureEventsOptions } from "./configure-events-command.js";
import type { EmulatorOptions } from "./emulator-command.js";
import { exitCodes } from "./exit-codes.js";
import { optionValue } from "./option-value.js";
import type { PruneOptions } from "./prune-command.js";
import type { RebuildOutputsOptions } from "./rebuild-outputs-command.js";
import type { ReconcileOptions } from "./reconcile-command.js";
import type { UploadOptions } from "./upload-command.js";
import type { ListenOptions } from "./listen-command.js";

export type RunCommand = <Options>(
  name: string,
  load: () => Promise<Command<Options>>,
  options: Options,
) => Promise<void>;

// package.json sits two levels up both from src/commands/ (tsx) and from dist/commands/ (the build, the image).
const { version } = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const onOff = ["ON", "OFF"] as const;
const choice = (flags: string, description: string, choices: readonly string[]) =>
  new Option(flags, description).choices(choices).argParser(optionValue.oneOf(choices));

export function createProgram(run: RunCommand): Program {
  const program = new Program("vod-tracker")
    .description(
      "Tracks Tencent Cloud VOD uploads: receives VOD's event callbacks, stores them, answers upload status.",
    )
    .version(version)
    .showSuggestionAfterError()
    // A usage error is one line, suggestion included ("(Did you mean serve?)" comes on a line of its own).
    .configureOutput({ outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, " ")}\n`) })
    .exitOverride()
    .addHelpText(
      "after",
      `
Without a command, vod-tracker runs serve. Configuration comes from environment
variables (see .env.example); options only say what to do.

Exit codes: ${exitCodes.ok} done, ${exitCodes.failed} failed (configuration, database, VOD), ${exitCodes.usage} usage error;
upload --wait adds ${exitCodes.taskFlowFailed} and ${exitCodes.statusUnknown} (see vod-tracker upload --help).`,
    );

  program
    .command("serve")
    .description("run the service: VOD callbacks, the app API, the admin page; migrates on start (MIGRATE_ON_START)")
    .addHelpText(
      "after",
      "\nListens on HOST:PORT; the database is DATABASE_URL, or the embedded one in DATA_DIR. Runs until SIGTERM.",
    )
    .action(() => run("serve", async () => (await import("./serve-command.js")).serveCommand, {}));

  program
    .command("migrate")
    .description("apply pending database migrations (DATABASE_URL, or the embedded database in DATA_DIR) and exit")
    .action(() => run("migrate", async () => (await import("./migrate-command.js")).migrateCommand, {}));

  program
    .command("pull")
    .description("reliable-callback worker: PullEvents → store → ConfirmEvents, until SIGTERM")
    .addHelpText(
      "after",
      "\nNeeds TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY; serves /metrics on METRICS_PORT when set.",
    )
    .action(() => run("pull", async () => (await import("./pull-command.js")).pullCommand, {}));

  program
    .command("reconcile")
    .description(
      "one reconcile sweep: uploads stuck (PENDING, PROCESSING, UPLOADED with a task flow) are checked against VOD and repaired; prints what it repaired",
    )
    .option(
      "--older-than <duration>",
      "stuck for longer than this (30s, 15m, 2h, 1d; default RECONCILE_AFTER, 15m)",
      optionValue.duration(),
    )
    .option("--lookback <duration>", "only uploads created within this (default 3d)", optionValue.duration())
    .addHelpText("after", `\nExits ${exitCodes.failed} when an upload could not be checked.`)
    .action((options: ReconcileOptions) =>
      run("reconcile", async () => (await import("./reconcile-command.js")).reconcileCommand, options),
    );

  program
    .command("configure-events")
    .description(
      "set VOD's event notification (ModifyEventConfig) and print it; --show only prints it (DescribeEventConfig)",
    )
    .option("--show", "print the settings without changing them")
    .addOption(choice("--mode <mode>", "PUSH: VOD calls --url; PULL: the pull worker fetches events", ["PUSH", "PULL"]))
    .option("--url <url>", "callback URL, token included: https://<host>/callbacks/vod?token=<CALLBACK_TOKEN>")
    .addOption(choice("--upload-events <switch>", "send NewFileUpload", onOff))
    .addOption(choice("--delete-events <switch>", "send FileDeleted", onOff))
    .option("--sign-key <key>", "callback key (letters and digits, at most 32); set VOD_SIGN_KEY to the same")
    .action((options: ConfigureEventsOptions) =>
      run(
        "configure-events",
        async () => (await import("./configure-events-command.js")).configureEventsCommand,
        options,
      ),
    );

  program
    .command("upload")
    .description("ApplyUpload → COS (multipart above 5 MiB, resumable) → CommitUpload; prints the FileId and URL")
    .argument("[file]", "the video to upload (or --from-url)")
    .option(
      "--from-url <url>",
      "let VOD pull the media from this http(s) URL, through the service (TRACKER_URL, API_TOKENS)",
    )
    .option("--procedure <name>", "task flow to run after the upload")
    .option("--storage-region <region>", "VOD storage region")
    .option("--source-context <text>", "your reference (≤ 250 characters), returned in VOD's events")
    .option("--session-context <text>", "session context, returned in VOD's events")
    .option("--cover <file>", "cover image to upload with the video")
    .option("--media-name <name>", "media name in VOD (default: the file name)")
    .option("--concurrency <parts>", "parts uploaded in parallel, 1 to 32", optionValue.integer(1, 32), 4)
    .option("--wait", "follow the status through the service (TRACKER_URL, with API_TOKENS) until it is final")
    .option(
      "--wait-timeout <seconds>",
      "give up following after this many seconds",
      optionValue.integer(1, 604_800),
      600,
    )
    .addHelpText(
      "after",
      `
Exit codes:
  ${exitCodes.ok}  uploaded; with --wait, it ended PROCESSED or DELETED (UPLOADED without --procedure)
  ${exitCodes.failed}  the upload failed (unreadable file, VOD or COS refused, configuration); with --from-url:
     VOD could not pull the URL (FAILED without a FileId)
  ${exitCodes.usage}  usage error
  ${exitCodes.taskFlowFailed}  with --wait: uploaded, and its task flow ended FAILED
  ${exitCodes.statusUnknown}  with --wait: uploaded (the FileId is printed), but its status could not be
     followed: the service at TRACKER_URL is unreachable or refused the token, or
     --wait-timeout passed. Do not upload again: follow it with GET /v1/uploads/<FileId>.`,
    )
    .action((file: string | undefined, options: Omit<UploadOptions, "file">, command: Program) => {
      // Checked here, like commander's own required arguments: a usage error before any configuration is read.
      if (file === undefined && options.fromUrl === undefined) {
        command.error("error: missing required argument 'file' (or --from-url <url>)", {
          exitCode: exitCodes.usage,
          code: "commander.missingArgument",
        });
      }
      return run("upload", async () => (await import("./upload-command.js")).uploadCommand, { ...options, file });
    });

  program
    .command("prune")
    .description(
      "delete stored events received before the cut, and notification messages created before it that are done (delivered or failed) with their attempts, in batches of 5,000; uploads and pending messages are kept",
    )
    .requiredOption("--older-than <duration>", "the cut, at least 1h: 90d, 12h", optionValue.duration(olderThanSchema))
    .addOption(new Option("--only <what>", "prune only these").choices(["events", "messages"]))
    .action((options: PruneOptions) =>
      run("prune", async () => (await import("./prune-command.js")).pruneCommand, options),
    );

  program
    .command("rebuild-outputs")
    .description(
      "re-derive outputs, tasks, links and missing session fields from the stored events (the backfill after upgrading); safe while serving, safe to run twice",
    )
    .option("--batch <events>", "events read per batch", optionValue.integer(1, 10_000), 500)
    .option(
      "--since-id <id>",
      "only events with a larger id (resume where a run stopped)",
      optionValue.integer(0, Number.MAX_SAFE_INTEGER),
    )
    .addHelpText(
      "after",
      "\nProgress goes to stderr, the summary to stdout. Upload statuses are not changed: replay an event for that.",
    )
    .action((options: RebuildOutputsOptions) =>
      run("rebuild-outputs", async () => (await import("./rebuild-outputs-command.js")).rebuildOutputsCommand, options),
    );

  program
    .command("deliver")
    .description("notification delivery worker: sends signed notifications to the endpoints, until SIGTERM")
    .addHelpText(
      "after",
      "\nAny number may run beside serve; each message is claimed by one. Serves /metrics on METRICS_PORT when set.",
    )
    .action(() => run("deliver", async () => (await import("./deliver-command.js")).deliverCommand, {}));

  program
    .command("listen")
    .description("a receiver to try notifications with: verifies each one's signature and prints it as a JSON line")
    .requiredOption("--secret <whsec>", "the endpoint's whsec_ secret")
    .option("--port <port>", "port to listen on", optionValue.integer(0, 65_535), 4000)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .action((options: ListenOptions) =>
      run("listen", async () => (await import("./listen-command.js")).listenCommand, options),
    );

  program
    .command("emulator")
    .description("a local VOD for tests and demos: TC3 API, COS endpoint, event delivery by PUSH or PULL")
    .option("--port <port>", "API port", optionValue.integer(0, 65_535), 9090)
    .option("--cos-port <port>", "COS endpoint port (default: --port + 1)", optionValue.integer(0, 65_535))
    .option(
      "--procedure-delay-ms <ms>",
      "delay before a task flow's ProcedureStateChanged (default 2000)",
      optionValue.integer(0, 3_600_000),
    )
    .option("--legacy", "send events in the 2017 (version 4.0) format")
    .action((options: EmulatorOptions) =>
      run("emulator", async () => (await import("./emulator-command.js")).emulatorCommand, options),
    );

  return program;
}
