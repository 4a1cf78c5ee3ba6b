// The status rule runs twice: in TypeScript (applyEvent) and in SQL on the hot path (one statement per event).
// Both are run here on the same table of cases, on a real database, and must end in the same state.
import { randomUUID } from "node:crypto";
import { recordEvent } from "../../src/db/record-event.js";
import { newUploadId } from "../../src/uploads/new-upload-id.js";
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
        dedupeKey: randomUUID(), eventType: event.eventType, format: event.format, channel: "push",
        fileId: null, procedureTaskId: null, payloadText: null, outcome: "applied", error: null,
      },
      receivedAt: new Date(RULE_CASES_START + index * 1000),
      patch,
      newIds: (patch?.files ?? []).map(newUploadId),
      payloadJson: JSON.stringify({ EventType: event.eventType }),
    });
    expect(recorded.eventId).not.toBeNull();
  }
}

const comparable = (state: Record<string, unknown>) => ({
  fileId: state.fileId, status: state.status, sourceType: state.sourceType, sourceContext: state.sourceContext,
  procedureTaskId: state.procedureTaskId, procedureStatus: state.procedureStatus, procedureErrCode: state.procedureErrCode,
  procedureMessage: state.procedureMessage, mediaUrl: state.mediaUrl, coverUrl: state.coverUrl, name: state.name,
  mediaType: state.mediaType, storageRegion: state.storageRegion, metadata: state.metadata,
  subAppId: state.subAppId === null || state.subAppId === undefined ? null : String(state.subAppId),
  procedureAt: state.procedureAt, updatedAt: state.updatedAt, uploadedAt: state.uploadedAt,
  processedAt: state.processedAt, deletedAt: state.deletedAt,
});

describe("the status rule in SQL", () => {
  test.each(ruleCases.map((c) => [c.name, c] as const))("agrees with applyEvent: %s", async (_name, ruleCase) => {
    const fileId = newFileId();
    const events = ruleCase.events(fileId);
    await applyInSql(events);
    const stored = await db.prisma.upload.findUniqueOrThrow({ where: { fileId } });
    const expected = applyInOrder(fileId, events);
    expect(comparable(stored as unknown as Record<string, unknown>)).toEqual(comparable(expected as unknown as Record<string, unknown>));
    expect(stored).toMatchObject(ruleCase.expected);
  });
});
