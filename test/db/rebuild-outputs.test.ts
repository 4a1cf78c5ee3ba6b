// `vod-tracker rebuild-outputs`, the backfill of migration 20261206070000_outputs_and_tasks: on a database holding
// events stored before outputs were kept (their VodEvent rows, real payloads, no UploadOutput, UploadTask or link
// rows, no session fields), it must write what the hot path writes today for the same events — so the test
// ingests them the way the service does, keeps what the hot path wrote, takes it away, and runs the command.
// Payloads are real callbacks (test/fixtures; origins in SOURCES.md): a v3 ProcedureStateChanged with outputs
// and SessionContext, a partial FileDeleted, the 2017 TranscodeComplete and ProcedureStateChanged with outputs,
// and an EditMediaComplete naming its inputs.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { loadFixture } from "../fixtures/load-fixture.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload } from "../support/vod-payloads.js";

type Json = Record<string, any>;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const cli = path.resolve("src/cli.ts");
const rebuild = (...args: string[]) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", cli, "rebuild-outputs", ...args], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: db.url, LOG_LEVEL: "silent" },
    timeout: 60_000,
  });

function v3Procedure(fileId: string, taskId: string): Json {
  const body = loadFixture("v3/procedure-finish-outputs") as Json;
  body.ProcedureStateChangeEvent.FileId = fileId;
  body.ProcedureStateChangeEvent.TaskId = taskId;
  return body;
}

function legacy(name: string, fileId: string): Json {
  const body = loadFixture(name) as Json;
  body.data.fileId = fileId;
  return body;
}

/** What the hot path keeps beside the status rule, for the files named (updatedAt aside: when it was written). */
async function kept(fileIds: string[]) {
  const query = (sql: string) => db.pool.query(sql, [fileIds]).then((result) => result.rows);
  return {
    outputs: await query(
      `SELECT "fileId", kind, definition, url, container, width, height, bitrate::text, size::text, duration, md5,
              "drmType", details, "taskId", subtask, "finishedAt", "eventId"::text, "receivedAt"
       FROM "UploadOutput" WHERE "fileId" = ANY($1) ORDER BY 1, 2, 3`,
    ),
    tasks: await query(
      `SELECT "fileId", "taskId", kind, status, failed, "errCode", message, subtasks, "beganAt", "finishedAt",
              "eventId"::text, "receivedAt"
       FROM "UploadTask" WHERE "fileId" = ANY($1) ORDER BY 1, 2`,
    ),
    links: await query(`SELECT "fileId", "eventId"::text FROM "VodEventFile" WHERE "fileId" = ANY($1) ORDER BY 1, 2`),
    uploads: await query(
      `SELECT "fileId", "sessionContext", "sessionId", "derivedFrom" FROM "Upload" WHERE "fileId" = ANY($1) ORDER BY 1`,
    ),
  };
}

describe("vod-tracker rebuild-outputs", () => {
  test("writes, from events stored before outputs were kept, what the hot path keeps for them; a second run writes nothing", async () => {
    const [first, second, third, edited] = [newFileId(), newFileId(), newFileId(), newFileId()];
    const partial = v3FileDeleted(first, { partial: true });
    partial.FileDeleteEvent.FileDeleteResultInfo[0].DeleteParts = [{ Type: "TranscodeFiles", Definition: 20 }];
    const edit = loadFixture("v3/edit-media-complete") as Json;
    edit.EditMediaCompleteEvent.Input.FileInfoSet = [first, second].map((FileId) => ({ FileId }));
    edit.EditMediaCompleteEvent.Output.FileId = edited;
    const bodies = [
      v3NewFileUpload(first),
      v3Procedure(first, "1305819496-procedurev2-first-flow"),
      partial, // after the flow's outputs: its transcode goes, and stays gone
      v3Procedure(first, "1305819496-procedurev2-second-flow"), // a second task flow on the same file
      legacy("legacy/transcode-complete", second),
      legacy("legacy/procedure-state-changed-outputs", third),
      edit,
    ];
    for (const [n, body] of bodies.entries()) {
      const receivedAt = new Date(Date.UTC(2025, 0, 1, 0, 0, n));
      await ingestEvent({ db }, { raw: JSON.stringify(body), channel: "push", receivedAt });
    }
    const files = [first, second, third, edited];
    const hotPath = await kept(files);
    expect(hotPath.outputs.filter((row) => row.fileId === first).length).toBeGreaterThan(0);
    expect(hotPath.outputs).toContainEqual(
      expect.objectContaining({ fileId: first, kind: "adaptive", url: expect.stringMatching(/adp\.10\.m3u8$/) }),
    );
    expect(hotPath.tasks.filter((row) => row.fileId === first)).toHaveLength(2);
    expect(hotPath.uploads).toContainEqual(
      expect.objectContaining({ fileId: first, sessionId: "order-1001-procedure" }),
    );

    // The database as it was before: the events and uploads, nothing of what the hot path now keeps beside them.
    await db.pool.query(`DELETE FROM "UploadOutput" WHERE "fileId" = ANY($1)`, [files]);
    await db.pool.query(`DELETE FROM "UploadTask" WHERE "fileId" = ANY($1)`, [files]);
    await db.pool.query(`DELETE FROM "VodEventFile" WHERE "fileId" = ANY($1)`, [files]);
    await db.pool.query(
      `UPDATE "Upload" SET "sessionContext" = NULL, "sessionId" = NULL, "derivedFrom" = NULL WHERE "fileId" = ANY($1)`,
      [files],
    );

    const run = await rebuild("--batch", "2");

    expect(run.stderr).toMatch(/^events \d+\.\.\d+: \d+ outputs/m);
    expect(run.stdout).toMatch(/^Rebuilt from \d+ events/m);
    expect(await kept(files)).toEqual(hotPath);

    const before = await db.pool.query(`SELECT xmin::text FROM "UploadOutput" WHERE "fileId" = ANY($1) ORDER BY 1`, [
      files,
    ]);
    const again = await rebuild();
    expect(again.stdout).toMatch(
      /: 0 outputs and 0 tasks written, 0 outputs removed by partial deletes, 0 links, 0 uploads/,
    );
    expect(await kept(files)).toEqual(hotPath);
    expect(
      (await db.pool.query(`SELECT xmin::text FROM "UploadOutput" WHERE "fileId" = ANY($1) ORDER BY 1`, [files])).rows,
    ).toEqual(before.rows);
  }, 90_000);

  test("reads only the events after --since-id", async () => {
    const fileId = newFileId();
    const { rows } = await db.pool.query<{ max: string | null }>(`SELECT max(id)::text FROM "VodEvent"`);
    await ingestEvent(
      { db },
      { raw: JSON.stringify(v3Procedure(fileId, "1305819496-procedurev2-since")), channel: "push" },
    );
    await db.pool.query(`DELETE FROM "UploadOutput" WHERE "fileId" = $1`, [fileId]);

    const run = await rebuild("--since-id", rows[0]?.max ?? "0");

    expect(run.stdout).toMatch(/^Rebuilt from 1 events/m);
    expect((await kept([fileId])).outputs.length).toBeGreaterThan(0);
  }, 60_000);
});
