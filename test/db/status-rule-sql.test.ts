// The status rule runs twice: in TypeScript (applyEvent) and in SQL on the hot path (one statement per event).
// Both are run here on the same table of cases, on a real database, and must end in the same state.
import { randomUUID } from "node:crypto";
import { recordEvent } from "../../src/db/record-event.js";
import { uploadStateOf } from "../../src/db/upload-state-of.js";
import { newUploadId } from "../../src/uploads/upload-ref.js";
import { toUploadPatch } from "../../src/uploads/upload-patch.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { applyInOrder, RULE_CASES_START, ruleCases } from "../support/status-rule-cases.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function applyInSql(events: VodEvent[]): Promise<void> {
  for (const [index, event] of events.entries()) {
    const patch = toUploadPatch(event);
    const recorded = await recordEvent(db, {
      row: {
        dedupeKey: randomUUID(),
        eventType: event.eventType,
        format: event.format,
        channel: "push",
        fileId: null,
        procedureTaskId: null,
        payloadText: null,
        outcome: "applied",
        error: null,
      },
      receivedAt: new Date(RULE_CASES_START + index * 1000),
      patch,
      newIds: (patch?.files ?? []).map(newUploadId),
      payloadJson: JSON.stringify({ EventType: event.eventType }),
    });
    expect(recorded.eventId).not.toBeNull();
  }
}

describe("the status rule in SQL", () => {
  test.each(ruleCases.map((c) => [c.name, c] as const))("agrees with applyEvent: %s", async (_name, ruleCase) => {
    const fileId = newFileId();
    const events = ruleCase.events(fileId);
    await applyInSql(events);
    const stored = await db.prisma.upload.findUniqueOrThrow({ where: { fileId } });
    const expected = applyInOrder(fileId, events);
    expect(uploadStateOf(stored)).toEqual(expected);
    expect(stored).toMatchObject(ruleCase.expected);
  });
});
