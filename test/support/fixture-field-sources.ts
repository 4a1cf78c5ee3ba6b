// Where fields of the normalised event come from in each fixture, as dotted paths ("*" = any key or index): a
// property test that changes a payload knows which fields the change cannot have reached.
// Where the FileId is not read by a schema (kind "other", or a refused body) it is found best effort, on the body or
// one level down (find-event-file-id.ts), so a FileId added there can take its place.
const BEST_EFFORT_FILE_ID = ["FileId", "fileId", "*.FileId", "*.fileId"];
const V3_TYPE = { eventType: ["EventType"], format: ["EventType"] };
const LEGACY_TYPE = { eventType: ["eventType"], format: ["eventType"] };
const V3_UPLOAD = {
  ...V3_TYPE,
  fileId: [...BEST_EFFORT_FILE_ID, "FileUploadEvent.FileId"],
  procedureTaskId: ["FileUploadEvent.ProcedureTaskId"],
  name: ["FileUploadEvent.MediaBasicInfo.Name"],
  mediaUrl: ["FileUploadEvent.MediaBasicInfo.MediaUrl"],
  sourceContext: ["FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext"],
};
const V3_PROCEDURE = {
  ...V3_TYPE,
  fileId: [...BEST_EFFORT_FILE_ID, "ProcedureStateChangeEvent.FileId"],
  procedureStatus: ["ProcedureStateChangeEvent.Status"],
  procedureTaskId: ["ProcedureStateChangeEvent.TaskId"],
};
const V3_DELETE = {
  ...V3_TYPE,
  fileIds: ["FileDeleteEvent.FileIdSet", "FileDeleteEvent.FileDeleteResultInfo.*.FileId"],
};
const LEGACY_UPLOAD = {
  ...LEGACY_TYPE,
  fileId: [...BEST_EFFORT_FILE_ID, "data.fileId"],
  procedureTaskId: ["data.procedureTaskId"],
  name: ["data.fileName"],
  mediaUrl: ["data.fileUrl"],
  sourceContext: ["data.sourceContext"],
};
const LEGACY_PROCEDURE = {
  ...LEGACY_TYPE,
  fileId: [...BEST_EFFORT_FILE_ID, "data.fileId"],
  procedureStatus: ["data.status"],
  procedureTaskId: ["data.vodTaskId", "data.procedureTaskId"],
};
// A 2017 TranscodeComplete is a finished task (to-transcode-complete-event.ts): FINISH whatever it says.
const LEGACY_TRANSCODE = {
  ...LEGACY_TYPE,
  fileId: [...BEST_EFFORT_FILE_ID, "data.fileId"],
  procedureStatus: ["data.fileId", "data.status"],
  procedureTaskId: ["data.fileId", "data.status", "data.vodTaskId"],
};
function pullFileId(member: string): string[] {
  return ["FileId", "ErrCode", "Status", "TaskId", "MediaBasicInfo"].map((field) => `${member}.${field}`);
}
function mediaEditFileId(member: string): string[] {
  const read = ["Output.FileId", "ErrCode", "ErrCodeExt", "Status"].map((field) => `${member}.${field}`);
  return [...BEST_EFFORT_FILE_ID, ...read];
}
export const fieldSources: Record<string, Record<string, string[]>> = {
  "v3/new-file-upload": V3_UPLOAD,
  "v3/procedure-finish-success": V3_PROCEDURE,
  "v3/procedure-finish-failed": V3_PROCEDURE,
  "v3/procedure-processing": V3_PROCEDURE,
  "v3/file-deleted": V3_DELETE,
  "v3/file-deleted-partial": V3_DELETE,
  // A PullComplete's FileId is its file's only while the pull succeeded (read-pull-complete.ts).
  "v3/pull-complete": { ...V3_TYPE, fileId: [...BEST_EFFORT_FILE_ID, ...pullFileId("PullCompleteEvent")] },
  "legacy/new-file-upload": LEGACY_UPLOAD,
  "legacy/new-file-upload-record": LEGACY_UPLOAD,
  "legacy/procedure-state-changed": LEGACY_PROCEDURE,
  "legacy/procedure-finish-failed": LEGACY_PROCEDURE,
  "legacy/file-deleted": { ...LEGACY_TYPE, fileIds: ["data.fileInfo.*.fileId"] },
  // The 2017 names, or the current ones under data (a member of those switches the reading).
  "legacy/pull-complete": {
    ...LEGACY_TYPE,
    fileId: [...BEST_EFFORT_FILE_ID, "data.fileId", "data.status", "data.vodTaskId", ...pullFileId("data")],
  },
  "legacy/pull-complete-current-fields": { ...LEGACY_TYPE, fileId: [...BEST_EFFORT_FILE_ID, ...pullFileId("data")] },
  // Issue 14's fixtures (test/fixtures/SOURCES.md). An edit or compose that succeeded is filed under its output
  // FileId; anything that makes it fail (its codes, status, output) sends it back to the best-effort search.
  "v3/procedure-finish-outputs": V3_PROCEDURE,
  "v3/edit-media-complete": { ...V3_TYPE, fileId: mediaEditFileId("EditMediaCompleteEvent") },
  "v3/compose-media-complete": { ...V3_TYPE, fileId: mediaEditFileId("ComposeMediaCompleteEvent") },
  "v3/wechat-publish-complete": { ...V3_TYPE, fileId: BEST_EFFORT_FILE_ID },
  "v3/review-procedure-ai-content": V3_PROCEDURE,
  "legacy/review-procedure-content-review": LEGACY_PROCEDURE,
  "v3/review-audio-video-complete": {
    ...V3_TYPE,
    fileId: [...BEST_EFFORT_FILE_ID, "ReviewAudioVideoCompleteEvent.Input.FileId"],
  },
  "legacy/procedure-state-changed-outputs": LEGACY_PROCEDURE,
  "legacy/transcode-complete": LEGACY_TRANSCODE,
  "legacy/transcode-complete-failed": LEGACY_TRANSCODE,
  "legacy/new-file-upload-meta": LEGACY_UPLOAD,
};
