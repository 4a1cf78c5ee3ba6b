import { applyEvent } from "../../src/uploads/apply-event.js";
import { applyInOrder, ruleCases } from "../support/status-rule-cases.js";
import { newFileId, procedureEvent, uploadEvent } from "../support/vod-event-factory.js";

describe("applyEvent (the status rule)", () => {
  test.each(ruleCases.map((c) => [c.name, c] as const))("%s", (_name, ruleCase) => {
    const fileId = newFileId();
    expect(applyInOrder(fileId, ruleCase.events(fileId))).toMatchObject({ fileId, ...ruleCase.expected });
  });

  test("applying the same event twice gives the same state as once (apart from updatedAt)", () => {
    const fileId = newFileId();
    const once = applyInOrder(fileId, [uploadEvent(fileId), procedureEvent(fileId)]);
    const twice = applyInOrder(fileId, [
      uploadEvent(fileId),
      procedureEvent(fileId),
      procedureEvent(fileId),
      uploadEvent(fileId),
    ]);
    expect({ ...twice, updatedAt: null }).toEqual({ ...once, updatedAt: null });
  });

  test("refuses an event that does not name the FileId", () => {
    expect(() => applyEvent(null, uploadEvent(newFileId()), { fileId: "1", receivedAt: new Date() })).toThrow(
      /does not concern/,
    );
  });
});
