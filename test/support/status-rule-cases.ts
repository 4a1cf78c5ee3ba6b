// One table of event sequences and the state each must end in. The TypeScript rule (applyEvent) and the SQL rule
// on the hot path are both run on it (test/unit/apply-event.test.ts, test/db/status-rule-sql.test.ts).
import type { VodEvent } from "../../src/events/vod-event.js";
import { applyEvent } from "../../src/uploads/apply-event.js";
import type { UploadState } from "../../src/uploads/upload-state.js";
import { deleteEvent, procedureEvent, uploadEvent } from "./vod-event-factory.js";

export interface RuleCase {
  name: string;
  /** Applied in order, each arriving one second after the previous. */
  events: (fileId: string) => VodEvent[];
  expected: Partial<UploadState>;
}

const t = (iso: string) => new Date(iso);
const failed = {
  failed: true,
  results: [
    { type: "Transcode", status: "FAIL", errCode: 30009, errCodeExt: "SourceFileError", message: "Source file error" },
  ],
};

export const ruleCases: RuleCase[] = [
  {
    name: "a NewFileUpload alone leaves the upload UPLOADED",
    events: (id) => [uploadEvent(id)],
    expected: { status: "UPLOADED", sourceContext: "order-1001", procedureStatus: null },
  },
  {
    name: "upload then PROCESSING then FINISH ends PROCESSED",
    events: (id) => [
      uploadEvent(id),
      procedureEvent(id, { procedureStatus: "PROCESSING", finishedAt: null, results: [] }),
      procedureEvent(id),
    ],
    expected: { status: "PROCESSED", procedureStatus: "FINISH", processedAt: t("2024-06-10T08:13:31Z") },
  },
  {
    name: "a FINISH before its NewFileUpload ends PROCESSED with the upload's fields filled in",
    events: (id) => [procedureEvent(id), uploadEvent(id)],
    expected: { status: "PROCESSED", sourceContext: "order-1001", name: "lesson-01-intro", procedureStatus: "FINISH" },
  },
  {
    name: "a PROCESSING that arrives after FINISH changes nothing",
    events: (id) => [
      uploadEvent(id),
      procedureEvent(id),
      procedureEvent(id, { procedureStatus: "PROCESSING", finishedAt: null, results: [] }),
    ],
    expected: { status: "PROCESSED", procedureStatus: "FINISH" },
  },
  {
    name: "a failed FINISH ends FAILED",
    events: (id) => [uploadEvent(id), procedureEvent(id, failed)],
    expected: { status: "FAILED", procedureStatus: "FINISH" },
  },
  {
    name: "between two results the later finish time wins even when it arrives first",
    events: (id) => [
      uploadEvent(id),
      procedureEvent(id, { finishedAt: t("2024-06-10T09:00:00Z") }),
      procedureEvent(id, { ...failed, finishedAt: t("2024-06-10T08:00:00Z") }),
    ],
    expected: { status: "PROCESSED", processedAt: t("2024-06-10T09:00:00Z") },
  },
  {
    name: "a later failed result replaces an earlier success",
    events: (id) => [
      uploadEvent(id),
      procedureEvent(id, { finishedAt: t("2024-06-10T08:00:00Z") }),
      procedureEvent(id, { ...failed, finishedAt: t("2024-06-10T09:00:00Z") }),
    ],
    expected: { status: "FAILED", processedAt: t("2024-06-10T09:00:00Z") },
  },
  {
    name: "without finish times the later arrival wins",
    events: (id) => [
      uploadEvent(id),
      procedureEvent(id, { ...failed, finishedAt: null }),
      procedureEvent(id, { finishedAt: null }),
    ],
    expected: { status: "PROCESSED" },
  },
  {
    name: "a delete ends DELETED",
    events: (id) => [uploadEvent(id), procedureEvent(id), deleteEvent([id])],
    expected: { status: "DELETED", procedureStatus: "FINISH" },
  },
  {
    name: "a late NewFileUpload never resurrects a deleted file",
    events: (id) => [deleteEvent([id]), uploadEvent(id)],
    expected: { status: "DELETED", mediaUrl: expect.stringContaining("/q1BORBPQH1IA.mp4") },
  },
  {
    name: "a late FINISH after a delete records the result but stays DELETED",
    events: (id) => [uploadEvent(id), deleteEvent([id]), procedureEvent(id)],
    expected: { status: "DELETED", procedureStatus: "FINISH" },
  },
  {
    name: "a partial delete keeps the status and records the parts",
    events: (id) => [uploadEvent(id), procedureEvent(id), deleteEvent([id], { partial: true })],
    expected: {
      status: "PROCESSED",
      deletedAt: null,
      metadata: expect.objectContaining({ deletedParts: [{ type: "TranscodeFiles", definition: 0 }] }),
    },
  },
  {
    name: "a duplicate NewFileUpload keeps the first upload time",
    events: (id) => [uploadEvent(id), uploadEvent(id, { occurredAt: t("2030-01-01T00:00:00Z") })],
    expected: { status: "UPLOADED", uploadedAt: t("2024-06-10T08:12:40Z") },
  },
  {
    name: "a procedure event fills missing media fields but never overrides the upload's",
    events: (id) => [uploadEvent(id, { name: "original" }), procedureEvent(id)],
    expected: {
      name: "original",
      metadata: expect.objectContaining({ size: 7700180, procedureResults: expect.any(Array) }),
    },
  },
];

/** The TypeScript rule folded over a sequence, each event arriving one second after the previous. */
export function applyInOrder(fileId: string, events: VodEvent[], start = RULE_CASES_START): UploadState {
  let state: UploadState | null = null;
  events.forEach((event, index) => {
    state = applyEvent(state, event, { fileId, receivedAt: new Date(start + index * 1000) });
  });
  if (!state) throw new Error("no events");
  return state;
}

export const RULE_CASES_START = Date.UTC(2025, 0, 1);
