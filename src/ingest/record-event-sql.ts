// The hot path in one SQL statement (DESIGN §10): record the event (dedupe by key: a duplicate is a row count, not
// an exception) and, only if it was new, upsert every upload it names with the status rule of
// src/uploads/apply-event.ts written in SQL. One round trip, one implicit transaction, row locks taken by
// ON CONFLICT so concurrent replicas and workers serialise per FileId.
//
// Everything travels as ONE jsonb parameter ($1): Prisma serialises each parameter value, so fewer values are
// cheaper, and the raw payload is spliced in as received (no JSON.parse round trip that would lose big numbers).
// ON CONFLICT DO UPDATE cannot see the SELECT's columns, so per-file values reach it through EXCLUDED and the
// shared ones through $1.
import { procedureRank, statusRank } from "../uploads/status-rank.js";
import { uploadStatuses } from "../uploads/upload-state.js";

const J = "$1::jsonb";
const field = (path: string) => `(${J} #>> '{${path}}')`;
const kind = field("patch,kind");
const receivedAt = `(${J} ->> 'receivedAt')::timestamptz`;
const eventTime = `coalesce(${field("patch,finishedAt")}::timestamptz, ${receivedAt})`;
const procedureStatus = field("patch,procedureStatus");

const rank = (expr: string) =>
  `(CASE ${expr}::text ${uploadStatuses.map((status) => `WHEN '${status}' THEN ${statusRank[status]}`).join(" ")} END)`;
const procRank = (expr: string) =>
  `(CASE WHEN ${expr} IS NULL THEN ${procedureRank(null)} WHEN ${expr} = 'FINISH' THEN ${procedureRank("FINISH")} ELSE ${procedureRank("PROCESSING")} END)`;

const wins = `(CASE WHEN ${kind} IS DISTINCT FROM 'procedure' THEN false
  WHEN ${procRank(procedureStatus)} <> ${procRank('u."procedureStatus"')} THEN ${procRank(procedureStatus)} > ${procRank('u."procedureStatus"')}
  ELSE (${procedureStatus} <> 'FINISH' OR u."procedureAt" IS NULL OR ${eventTime} >= u."procedureAt") END)`;
const finishWins = `(${wins} AND ${procedureStatus} = 'FINISH')`;

// The target each file asks for, as the insert row carried it (a delete marks "whole" by setting deletedAt).
const target = `(CASE WHEN ${kind} = 'delete' THEN (CASE WHEN EXCLUDED."deletedAt" IS NOT NULL THEN 'DELETED' END) ELSE EXCLUDED.status::text END)`;
const nextStatus = `(CASE WHEN ${target} IS NULL THEN u.status
  WHEN ${rank(target)} > ${rank("u.status")} THEN ${target}::"UploadStatus"
  WHEN ${rank(target)} = ${statusRank.PROCESSED} AND ${rank("u.status")} = ${statusRank.PROCESSED} AND ${wins} THEN ${target}::"UploadStatus"
  ELSE u.status END)`;

const mediaColumns = ["mediaUrl", "coverUrl", "name", "mediaType", "sourceType", "sourceContext", "storageRegion"] as const;
const media = (column: string) => field(`patch,media,${column}`);
const subAppId = `(CASE WHEN ${media("subAppId")} ~ '^[0-9]{1,18}$' THEN ${media("subAppId")}::bigint END)`;
const errCode = `(CASE WHEN ${field("patch,procedureErrCode")} ~ '^-?[0-9]{1,9}$' THEN ${field("patch,procedureErrCode")}::int END)`;
const mergeMedia = (column: string, incoming: string) =>
  `"${column}" = CASE ${kind} WHEN 'upload' THEN coalesce(${incoming}, u."${column}") WHEN 'procedure' THEN coalesce(u."${column}", ${incoming}) ELSE u."${column}" END`;
const patchMetadata = `coalesce(${J} #> '{patch,metadata}', '{}'::jsonb)`;
const results = `(${J} #> '{patch,procedureResults}')`;
const resultsObject = `(CASE WHEN jsonb_typeof(${results}) = 'array' THEN jsonb_build_object('procedureResults', ${results}) ELSE '{}'::jsonb END)`;

export const recordEventSql = `
WITH ev AS (
  INSERT INTO "VodEvent" ("dedupeKey", "eventType", "format", "channel", "fileId", "procedureTaskId", "payload",
                          "payloadText", "outcome", "error", "receivedAt")
  VALUES (${field("event,dedupeKey")}, ${field("event,eventType")}, ${field("event,format")}, ${field("event,channel")},
          ${field("event,fileId")}, ${field("event,procedureTaskId")}, ${J} -> 'payload', ${field("event,payloadText")},
          ${field("event,outcome")}, ${field("event,error")}, ${receivedAt})
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING id
), files AS (
  SELECT f ->> 'id' AS id, f ->> 'fileId' AS "fileId", f ->> 'target' AS target, f -> 'deletedParts' AS parts
  FROM jsonb_array_elements(coalesce(${J} -> 'files', '[]'::jsonb)) AS f
  WHERE EXISTS (SELECT 1 FROM ev)
), up AS (
  INSERT INTO "Upload" AS u ("id", "fileId", "status", ${mediaColumns.map((c) => `"${c}"`).join(", ")}, "subAppId",
                             "metadata", "procedureTaskId", "procedureStatus", "procedureErrCode", "procedureMessage",
                             "procedureAt", "processedAt", "uploadedAt", "deletedAt", "createdAt", "updatedAt")
  SELECT files.id, files."fileId", coalesce(files.target, 'UPLOADED')::"UploadStatus",
         ${mediaColumns.map((c) => media(c)).join(", ")}, ${subAppId},
         CASE ${kind} WHEN 'procedure' THEN ${patchMetadata} || ${resultsObject}
              WHEN 'delete' THEN (CASE WHEN jsonb_typeof(files.parts) = 'array' THEN jsonb_build_object('deletedParts', files.parts) ELSE '{}'::jsonb END)
              ELSE ${patchMetadata} END,
         ${field("patch,procedureTaskId")}, ${procedureStatus}, ${errCode}, ${field("patch,procedureMessage")},
         CASE WHEN ${procedureStatus} = 'FINISH' THEN ${eventTime} END,
         CASE WHEN ${procedureStatus} = 'FINISH' THEN ${eventTime} END,
         CASE WHEN ${kind} = 'upload' THEN coalesce(${field("patch,occurredAt")}::timestamptz, ${receivedAt}) END,
         CASE WHEN files.target = 'DELETED' THEN ${receivedAt} END,
         ${receivedAt}, ${receivedAt}
  FROM files
  ON CONFLICT ("fileId") DO UPDATE SET
    "status" = ${nextStatus},
    ${mediaColumns.map((c) => mergeMedia(c, media(c))).join(",\n    ")},
    ${mergeMedia("subAppId", subAppId)},
    "metadata" = CASE ${kind}
      WHEN 'upload' THEN u."metadata" || ${patchMetadata}
      WHEN 'procedure' THEN ${patchMetadata} || u."metadata" || (CASE WHEN ${wins} THEN ${resultsObject} ELSE '{}'::jsonb END)
      ELSE (CASE WHEN EXCLUDED."metadata" ? 'deletedParts'
                 THEN u."metadata" || jsonb_build_object('deletedParts', EXCLUDED."metadata" -> 'deletedParts')
                 ELSE u."metadata" END) END,
    "procedureTaskId" = CASE WHEN ${kind} = 'delete' THEN u."procedureTaskId"
      WHEN ${kind} = 'upload' OR ${wins} THEN coalesce(${field("patch,procedureTaskId")}, u."procedureTaskId")
      ELSE coalesce(u."procedureTaskId", ${field("patch,procedureTaskId")}) END,
    "procedureStatus" = CASE WHEN ${wins} THEN ${procedureStatus} ELSE u."procedureStatus" END,
    "procedureErrCode" = CASE WHEN ${wins} THEN ${errCode} ELSE u."procedureErrCode" END,
    "procedureMessage" = CASE WHEN ${wins} THEN ${field("patch,procedureMessage")} ELSE u."procedureMessage" END,
    "procedureAt" = CASE WHEN ${finishWins} THEN ${eventTime} ELSE u."procedureAt" END,
    "processedAt" = CASE WHEN ${finishWins} THEN ${eventTime} ELSE u."processedAt" END,
    "uploadedAt" = CASE WHEN ${kind} = 'upload' THEN coalesce(u."uploadedAt", EXCLUDED."uploadedAt") ELSE u."uploadedAt" END,
    "deletedAt" = CASE WHEN ${target} = 'DELETED' THEN coalesce(u."deletedAt", ${receivedAt}) ELSE u."deletedAt" END,
    "updatedAt" = ${receivedAt}
  RETURNING u."fileId", u."status"
)
SELECT (SELECT id FROM ev) AS "eventId",
       (SELECT coalesce(jsonb_agg(jsonb_build_object('fileId', up."fileId", 'status', up."status")), '[]'::jsonb) FROM up) AS "uploads"`;
