// Starts bench/notify-receiver.ts in a child process (tsx) and talks to it over IPC: its URL, and report() for what
// it received (first arrival per webhook-id, verified and refused counts).
import { fork } from "node:child_process";
import path from "node:path";
import type { ReceiverReport } from "./notify-receiver.js";

export interface NotifyReceiver {
  url: string;
  /** The receiver's process (for its CPU). */
  pid: number;
  report(): Promise<ReceiverReport>;
  stop(): Promise<void>;
}

export async function startNotifyReceiver(secret: string): Promise<NotifyReceiver> {
  const child = fork(path.resolve("bench/notify-receiver.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { PATH: process.env.PATH, NOTIFY_SECRET: secret },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the receiver exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}/hook`,
    pid: child.pid as number,
    report: () =>
      new Promise((resolve) => {
        child.once("message", (message) => resolve(message as ReceiverReport));
        child.send("report");
      }),
    async stop() {
      child.disconnect();
      await exited;
    },
  };
}
