// The outputs and task statuses of a file as the status API reads them (status-text.ts), for the body of a
// notification the hot path wrote: its upload columns come from the statement's snapshot, these from the tables
// when the body is first rendered (render-message-body.ts).
import type { Db } from "./db.js";
import { outputRowsOfText } from "./output-rows-of-text.js";
import { outputsAt, selectStatusText, taskStatusesAt } from "./status-text.js";
import type { OutputRow } from "../uploads/output-row.js";

export async function readStatusExtras(
  db: Db,
  fileId: string | null,
): Promise<{ outputs: OutputRow[]; taskStatuses: string[] }> {
  if (fileId === null) return { outputs: [], taskStatuses: [] };
  const result = await db.pool.query<unknown[]>({
    text: `SELECT ${selectStatusText("u", { outputs: true })} FROM (SELECT $1::text AS "fileId") f
           LEFT JOIN "Upload" u ON u."fileId" = f."fileId"`,
    values: [fileId],
    rowMode: "array",
  });
  const row = result.rows[0] ?? [];
  const outputs = row[outputsAt];
  const tasks = row[taskStatusesAt];
  return {
    outputs: outputRowsOfText(typeof outputs === "string" ? outputs : outputs == null ? null : JSON.stringify(outputs)),
    taskStatuses: Array.isArray(tasks) ? tasks.filter((s): s is string => typeof s === "string") : [],
  };
}
