// A normalised event written back as the v3 callback VOD would send for it (vod-reference §1.2, §1.6, §1.8), aimed
// at `fileId`: how a test built from VodEvents goes through the real ingest path, parsing and normalising included.
// Only what the factories (vod-event-factory.ts) produce is covered; the round trip is checked where it is used.
import type { VodEvent } from "../../src/events/vod-event.js";

type Json = Record<string, unknown>;

const pascal = (metadata: Record<string, unknown>): Json =>
  Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => [key.charAt(0).toUpperCase() + key.slice(1), value]),
  );

export function v3CallbackBody(event: VodEvent, fileId: string): Json {
  switch (event.kind) {
    case "upload":
      return {
        EventType: event.eventType,
        FileUploadEvent: {
          FileId: fileId,
          ProcedureTaskId: event.procedureTaskId ?? "",
          ...(event.subAppId !== null ? { SubAppId: event.subAppId } : {}),
          MediaBasicInfo: {
            Name: event.name ?? "",
            CreateTime: event.occurredAt?.toISOString() ?? "",
            CoverUrl: event.coverUrl ?? "",
            Type: event.mediaType ?? "",
            MediaUrl: event.mediaUrl ?? "",
            StorageRegion: event.storageRegion ?? "",
            SourceInfo: { SourceType: event.sourceType ?? "", SourceContext: event.sourceContext ?? "" },
          },
          MetaData: pascal(event.metadata),
        },
      };
    case "procedure":
      return {
        EventType: event.eventType,
        ProcedureStateChangeEvent: {
          TaskId: event.procedureTaskId ?? "",
          Status: event.procedureStatus,
          ErrCode: event.errCode,
          Message: event.message ?? "",
          FileId: fileId,
          FileName: event.media.name ?? "",
          FileUrl: event.media.mediaUrl ?? "",
          MetaData: pascal(event.media.metadata),
          // The event's finish time is its subtasks' latest FinishTime (summarise-procedure.ts).
          MediaProcessResultSet: event.results.map((task) => ({
            Type: task.type,
            [`${task.type}Task`]: {
              Status: task.status ?? "",
              ErrCode: task.errCode,
              ErrCodeExt: task.errCodeExt ?? "",
              Message: task.message ?? "",
              FinishTime: event.finishedAt?.toISOString() ?? "",
            },
          })),
        },
      };
    case "delete": {
      const [only, ...more] = event.fileIds;
      if (only === undefined || more.length > 0) throw new Error("v3CallbackBody renders a delete of exactly one file");
      const parts = event.parts[only] ?? [];
      return {
        EventType: event.eventType,
        FileDeleteEvent: {
          FileIdSet: [fileId],
          FileDeleteResultInfo: [
            { FileId: fileId, DeleteParts: parts.map((part) => ({ Type: part.type, Definition: part.definition })) },
          ],
        },
      };
    }
    case "other":
      return { EventType: event.eventType };
    case "review":
    case "pullFailed":
      // Reviews and pulls are rendered from real bodies in their own tests (test/db/review-verdicts.test.ts, …).
      throw new Error(`v3CallbackBody does not render ${event.kind} events`);
  }
}
