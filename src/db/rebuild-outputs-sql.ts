// The backfill's statement (`vod-tracker rebuild-outputs`, rebuild-outputs.ts): from stored events re-derived by
// the hot path's own code, it writes what the hot path writes beside the status rule and nothing else — outputs,
// tasks and the outputs partial deletes remove (output-steps-sql.ts, the same rules), the VodEventFile links, and
// the session fields and derivedFrom of uploads that lack them. It never creates or changes an upload's status:
// that is the events' own statement's (an admin replay re-applies one). Idempotent: a second run rewrites nothing.
// A batch holds many events of one file, so each key's winner is picked first (DISTINCT ON); a partial delete runs
// in a statement of its own, after the events before it (rebuild-outputs.ts), because one statement cannot both
// write a row and see it deleted.
import {
  latestOutputs,
  latestTasks,
  outputRecordColumns,
  outputSelect,
  partialDeleteSteps,
  taskRecordColumns,
  taskSelect,
  upsertOutputs,
  upsertTasks,
} from "./output-steps-sql.js";

export interface RebuildSteps {
  outputs: boolean;
  tasks: boolean;
  deletes: boolean;
}

const rows = (key: string, columns: string, select: string) =>
  `SELECT ${select}, items."eventId", items."receivedAt", now() AS "updatedAt"
   FROM jsonb_to_recordset($1::jsonb -> '${key}') AS r(${columns}) JOIN items ON items.i = r.i`;

export function rebuildOutputsStatement(steps: RebuildSteps): string {
  return `
WITH items AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb -> 'items') AS x(i int, "eventId" bigint, "receivedAt" timestamptz,
    "eventFileId" text, kind text, "sessionContext" text, "sessionId" text)
), files AS (
  SELECT f."fileId", f."linkOnly", f."derivedFrom", f."deletedParts", items.*
  FROM jsonb_to_recordset($1::jsonb -> 'files') AS f(i int, "fileId" text, "linkOnly" boolean, "derivedFrom" jsonb,
    "deletedParts" jsonb)
  JOIN items ON items.i = f.i
), links AS (
  INSERT INTO "VodEventFile" ("fileId", "eventId")
  SELECT p."fileId", p."eventId" FROM files p
  WHERE p."fileId" IS DISTINCT FROM p."eventFileId" AND EXISTS (SELECT 1 FROM "VodEvent" e WHERE e.id = p."eventId")
  ORDER BY 1, 2
  ON CONFLICT DO NOTHING
  RETURNING 1
), filled AS (
  -- As the media rule: an upload event's value first, else the earliest.
  UPDATE "Upload" u SET "sessionContext" = coalesce(u."sessionContext", s."sessionContext"),
                        "sessionId" = coalesce(u."sessionId", s."sessionId"),
                        "derivedFrom" = coalesce(u."derivedFrom", s."derivedFrom")
  FROM (SELECT DISTINCT ON ("fileId") "fileId", "sessionContext", "sessionId", "derivedFrom" FROM files
        WHERE "linkOnly" IS NOT TRUE AND coalesce("sessionContext", "sessionId", "derivedFrom"::text) IS NOT NULL
        ORDER BY "fileId", kind = 'upload' DESC, "eventId") s
  WHERE u."fileId" = s."fileId"
    AND (u."sessionContext" IS NULL AND s."sessionContext" IS NOT NULL OR u."sessionId" IS NULL AND s."sessionId" IS NOT NULL
         OR u."derivedFrom" IS NULL AND s."derivedFrom" IS NOT NULL)
  RETURNING 1
)${
    steps.outputs
      ? `, outs AS (
  ${upsertOutputs(latestOutputs(rows("outputs", outputRecordColumns, outputSelect("r"))), "RETURNING 1")}
)`
      : ""
  }${
    steps.tasks
      ? `, tasks AS (
  ${upsertTasks(latestTasks(rows("tasks", taskRecordColumns, taskSelect("r"))), "RETURNING 1")}
)`
      : ""
  }${
    steps.deletes
      ? partialDeleteSteps(
          `(SELECT "fileId", "deletedParts", "eventId", "receivedAt" AS "deletedAt" FROM files WHERE "deletedParts" IS NOT NULL)`,
          "RETURNING 1",
        )
      : ""
  }
SELECT ${steps.outputs ? "(SELECT count(*) FROM outs)" : "0"}::int AS outputs,
       ${steps.tasks ? "(SELECT count(*) FROM tasks)" : "0"}::int AS tasks,
       ${steps.deletes ? "(SELECT count(*) FROM cut)" : "0"}::int AS deleted,
       (SELECT count(*) FROM links)::int AS links, (SELECT count(*) FROM filled)::int AS filled`;
}
