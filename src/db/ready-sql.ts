// The list filter ?ready=playable|complete|publishable: readiness.ts's and publishable.ts's rules in SQL, on the
// relation `from` (an "Upload" row). test/api/ready-filter.test.ts and test/api/review-filters.test.ts hold each to
// the `ready` the JSON answers, upload by upload.
import type { ReadyLevel } from "../uploads/readiness.js";
import { playableOutputOf } from "./status-text.js";

// Scalar sub-selects, not EXISTS: in the WHERE of a page, PostgreSQL may turn EXISTS into a join that reads every
// task to find the first 50 uploads; a probe per upload read stops with the page (status-text.ts's note).
const aTask = (from: string, where = "") =>
  `(SELECT true FROM "UploadTask" t WHERE t."fileId" = ${from}."fileId"${where} LIMIT 1)`;

export function readySql(level: ReadyLevel, from: string): string {
  if (level === "publishable") {
    return `(${readySql("playable", from)} AND (${from}."reviewStatus" IS NULL OR ${from}."reviewStatus" = 'pass'))`;
  }
  if (level === "playable") {
    return `(${from}.status NOT IN ('PENDING', 'DELETED')
      AND (${from}."mediaUrl" <> '' OR ${playableOutputOf(from)}))`;
  }
  return `(${from}.status NOT IN ('PENDING', 'PROCESSING')
    AND ${aTask(from, ` AND t.status <> 'FINISH'`)} IS NULL
    AND (${from}.procedure IS NULL OR ${from}."procedureTaskId" IS NOT NULL OR ${aTask(from)}))`;
}
