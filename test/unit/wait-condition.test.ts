// The conditions a long poll waits for (src/uploads/wait-condition.ts), over every status, table-driven.
import { uploadStatuses, type UploadStatus } from "../../src/uploads/upload-state.js";
import { waitCondition, type WaitFor, type WaitState } from "../../src/uploads/wait-condition.js";

const notReady = { playable: false, publishable: false };
const playable = { playable: true, publishable: false };
const publishable = { playable: true, publishable: true };

// [waitFor, ready, the state for PENDING, UPLOADED, PROCESSING, PROCESSED, FAILED, DELETED]
const table: Array<[WaitFor, typeof notReady, WaitState[]]> = [
  ["uploaded", notReady, ["waiting", "met", "met", "met", "unreachable", "unreachable"]],
  ["processed", notReady, ["waiting", "waiting", "waiting", "met", "unreachable", "unreachable"]],
  ["playable", notReady, ["waiting", "waiting", "waiting", "waiting", "unreachable", "unreachable"]],
  ["playable", playable, ["met", "met", "met", "met", "met", "met"]],
  ["publishable", playable, ["waiting", "waiting", "waiting", "waiting", "unreachable", "unreachable"]],
  ["publishable", publishable, ["met", "met", "met", "met", "met", "met"]],
  ["final", notReady, ["waiting", "waiting", "waiting", "met", "met", "met"]],
];

describe("waitCondition", () => {
  test.each(
    table.flatMap(([waitFor, ready, states]) => uploadStatuses.map((status, i) => [waitFor, ready, status, states[i]])),
  )("waitFor=%s with ready %j on a %s upload is %s", (waitFor, ready, status, state) => {
    expect(waitCondition(waitFor as WaitFor, { status: status as UploadStatus, ready: ready as typeof notReady })).toBe(
      state,
    );
  });

  test("a FAILED upload with its source URL is playable: the condition that holds wins over the dead status", () => {
    expect(waitCondition("playable", { status: "FAILED", ready: playable })).toBe("met");
  });
});
