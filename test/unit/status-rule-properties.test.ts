// Property-based tests (fast-check, fixed seed) of what DESIGN §3 claims for the status rule, and nothing more:
// ranks only rise, so out-of-order and duplicate deliveries are safe; between PROCESSED and FAILED the later task
// result wins, by its finish time where it has one, else by arrival. The order of arrival therefore decides
// nothing when every result carries its own finish time, and decides between results that carry none.
// Table-driven cases of the same rule: test/unit/apply-event.test.ts. The same generated sequences go through the
// SQL rule on PostgreSQL in test/db/status-rule-sql-properties.test.ts.
import fc from "fast-check";
import type { ProcedureEvent, VodEvent } from "../../src/events/vod-event.js";
import { applyEvent } from "../../src/uploads/apply-event.js";
import { statusRank } from "../../src/uploads/status-rank.js";
import type { UploadState, UploadStatus } from "../../src/uploads/upload-state.js";
import { applyInOrder } from "../support/status-rule-cases.js";
import { expectEqual } from "../support/expect-equal.js";
import { propertySeed } from "../support/property-seed.js";
import { statusRuleArbitraries } from "../support/status-rule-arbitraries.js";

const SEED = propertySeed(20_240_612);
const { FILE_ID, upload, running, result, anyEvents, timedEvents } = statusRuleArbitraries;

const isResult = (event: VodEvent): event is ProcedureEvent =>
  event.kind === "procedure" && event.procedureStatus === "FINISH";

/** The delivery DESIGN §3 reads as "in order": upload, task flow running, results by finish time, deletes. */
function inOrder<E extends VodEvent>(events: E[]): E[] {
  const step = (event: VodEvent) =>
    event.kind === "upload" ? 0 : event.kind === "delete" ? 3 : isResult(event) ? 2 : 1;
  const finished = (event: VodEvent) => (isResult(event) ? (event.finishedAt?.getTime() ?? 0) : 0);
  return [...events].sort((a, b) => step(a) - step(b) || finished(a) - finished(b));
}

/** DESIGN §3 in one function: a whole delete is final, else the latest result, else a running flow, else uploaded. */
function designStatus(events: VodEvent[]): UploadStatus {
  if (events.some((event) => event.kind === "delete" && event.whole[FILE_ID])) return "DELETED";
  const latest = inOrder(events.filter(isResult)).at(-1);
  if (latest) return latest.failed ? "FAILED" : "PROCESSED";
  return events.some((event) => event.kind === "procedure") ? "PROCESSING" : "UPLOADED";
}

const outcome = (state: UploadState) => ({ status: state.status, processedAt: state.processedAt });

describe("applyEvent (the status rule) on generated event sequences", () => {
  test("never lowers the status, whatever arrives next", () => {
    fc.assert(
      fc.property(anyEvents, (events) => {
        let state: UploadState | null = null;
        const ranks = events.map((event, index) => {
          state = applyEvent(state, event, {
            fileId: FILE_ID,
            receivedAt: new Date(Date.UTC(2025, 0, 1) + index * 1000),
          });
          return statusRank[state.status];
        });
        expectEqual(
          ranks.filter((rank, index) => index > 0 && rank < (ranks[index - 1] as number)),
          [],
        );
      }),
      { seed: SEED, numRuns: 5_000 },
    );
  });

  test("ends in the same status and result time in any arrival order, duplicates included, when each result has its own finish time", () => {
    fc.assert(
      fc.property(timedEvents, ({ events, arrival }) => {
        expectEqual(outcome(applyInOrder(FILE_ID, arrival)), outcome(applyInOrder(FILE_ID, inOrder(events))));
      }),
      { seed: SEED, numRuns: 5_000 },
    );
  });

  test("ends where DESIGN §3 says: DELETED after a whole delete, else the latest result, else PROCESSING, else UPLOADED", () => {
    fc.assert(
      fc.property(timedEvents, ({ events, arrival }) => {
        const latest = inOrder(events.filter(isResult)).at(-1);
        expectEqual(outcome(applyInOrder(FILE_ID, arrival)), {
          status: designStatus(events),
          processedAt: latest?.finishedAt ?? null,
        });
      }),
      { seed: SEED, numRuns: 3_000 },
    );
  });

  test("lets the later arrival win between results that carry no finish time", () => {
    const untimed = fc.array(fc.oneof(upload, running, result(fc.constant(null))), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(untimed, (events) => {
        const last = events.filter(isResult).at(-1);
        const expected = last ? (last.failed ? "FAILED" : "PROCESSED") : designStatus(events);
        expectEqual(applyInOrder(FILE_ID, events).status, expected);
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });
});
