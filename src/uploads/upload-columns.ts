// The Upload table's columns, once, in the table's order (prisma/schema.prisma). Derived from this list: the
// rule's UploadState and UploadRow (upload-state.ts, upload-row.ts), uploadStateOf, the Upload JSON and its schema
// (in this order: clients see the table's order), and the column lists of the SQL rule (record-events-sql.ts).
// test/db/upload-columns.test.ts holds the list to the table the migrations create.
//
// `event` says what an event does to the column:
// - null: not the rule's; the row's creator sets it (our id, the VOD session key, the task-flow template, createdAt),
//   or the statement beside the rule (derivedFrom: from UploadPatch.derivedFrom, record-events-sql.ts);
// - "key": the FileId that finds the row;
// - "media": NewFileUpload's value wins, a ProcedureStateChanged fills it only when missing, a delete keeps it;
// - "rule": written out by the status rule itself (apply-event.ts and its SQL twin);
// - "review": the moderation verdict, kept beside the status by its own rule (a later review wins: later-review.ts),
//   written only by the statements of events that report one (issue 15);
// - "pull": a pull upload's task and error, written only by the statements of PullComplete events (issue 15).
// `json`: part of the Upload JSON of the API.

export type ColumnKind = "text" | "int" | "bigint" | "timestamptz" | "jsonb" | "enum";

interface Column {
  kind: ColumnKind;
  nullable: boolean;
  event: null | "key" | "media" | "rule" | "review" | "pull";
  json: boolean;
}

export const uploadColumns = {
  id: { kind: "text", nullable: false, event: null, json: true },
  fileId: { kind: "text", nullable: true, event: "key", json: true },
  vodSessionKey: { kind: "text", nullable: true, event: null, json: false },
  status: { kind: "enum", nullable: false, event: "rule", json: true },
  sourceType: { kind: "text", nullable: true, event: "media", json: true },
  sourceContext: { kind: "text", nullable: true, event: "media", json: true },
  procedure: { kind: "text", nullable: true, event: null, json: true },
  procedureTaskId: { kind: "text", nullable: true, event: "rule", json: true },
  procedureStatus: { kind: "text", nullable: true, event: "rule", json: true },
  procedureErrCode: { kind: "int", nullable: true, event: "rule", json: true },
  procedureMessage: { kind: "text", nullable: true, event: "rule", json: true },
  mediaUrl: { kind: "text", nullable: true, event: "media", json: true },
  coverUrl: { kind: "text", nullable: true, event: "media", json: true },
  name: { kind: "text", nullable: true, event: "media", json: true },
  mediaType: { kind: "text", nullable: true, event: "media", json: true },
  storageRegion: { kind: "text", nullable: true, event: "media", json: true },
  subAppId: { kind: "bigint", nullable: true, event: "media", json: true },
  metadata: { kind: "jsonb", nullable: false, event: "rule", json: true },
  procedureAt: { kind: "timestamptz", nullable: true, event: "rule", json: false },
  createdAt: { kind: "timestamptz", nullable: false, event: null, json: true },
  updatedAt: { kind: "timestamptz", nullable: false, event: "rule", json: true },
  uploadedAt: { kind: "timestamptz", nullable: true, event: "rule", json: true },
  processedAt: { kind: "timestamptz", nullable: true, event: "rule", json: true },
  deletedAt: { kind: "timestamptz", nullable: true, event: "rule", json: true },
  sessionContext: { kind: "text", nullable: true, event: "media", json: true },
  sessionId: { kind: "text", nullable: true, event: "media", json: true },
  // A JSON array of FileIds; the Upload JSON writes it itself ("derivedFrom": [...] | null), not as a jsonb object.
  derivedFrom: { kind: "jsonb", nullable: true, event: null, json: false },
  // The Upload JSON writes "pull" and "review" objects of these itself (src/http), not the columns one by one.
  pullTaskId: { kind: "text", nullable: true, event: "pull", json: false },
  pullErrCode: { kind: "int", nullable: true, event: "pull", json: false },
  pullMessage: { kind: "text", nullable: true, event: "pull", json: false },
  review: { kind: "jsonb", nullable: true, event: "review", json: false },
  reviewStatus: { kind: "text", nullable: true, event: "review", json: false },
  reviewTaskId: { kind: "text", nullable: true, event: "review", json: false },
  reviewAt: { kind: "timestamptz", nullable: true, event: "review", json: false },
  // Notifications (issue 16): written by the hot-path statement beside the rule, not by it (record-events-sql.ts).
  notifySequence: { kind: "bigint", nullable: false, event: null, json: false },
  notifyPrevStatus: { kind: "enum", nullable: true, event: null, json: false },
  notifyFlags: { kind: "int", nullable: true, event: null, json: false },
} as const satisfies Record<string, Column>;

type Columns = typeof uploadColumns;
export type UploadColumn = keyof Columns;
type ColumnsWhere<Has> = { [K in UploadColumn]: Columns[K] extends Has ? K : never }[UploadColumn];

/** The columns an event may change: the pure rule's UploadState. */
export type EventColumn = Exclude<UploadColumn, ColumnsWhere<{ event: null }>>;
export type MediaColumn = ColumnsWhere<{ event: "media" }>;
/** The columns the status rule writes out one by one. */
export type RuleColumn = ColumnsWhere<{ event: "rule" }>;
export type ReviewColumn = ColumnsWhere<{ event: "review" }>;
export type PullColumn = ColumnsWhere<{ event: "pull" }>;
export type JsonColumn = ColumnsWhere<{ json: true }>;
export type NullableColumn = ColumnsWhere<{ nullable: true }>;
export type KindOf<K extends UploadColumn> = Columns[K]["kind"];

const names = Object.keys(uploadColumns) as UploadColumn[];
export const eventColumns = names.filter((name): name is EventColumn => uploadColumns[name].event !== null);
export const mediaColumns = names.filter((name): name is MediaColumn => uploadColumns[name].event === "media");
export const reviewColumns = names.filter((name): name is ReviewColumn => uploadColumns[name].event === "review");
export const pullColumns = names.filter((name): name is PullColumn => uploadColumns[name].event === "pull");
export const jsonColumns = names.filter((name): name is JsonColumn => uploadColumns[name].json);
