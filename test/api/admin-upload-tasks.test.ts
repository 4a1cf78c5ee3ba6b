// GET /admin/uploads/:ref/events answers, beside the timeline, every task heard of on the file (issue 14), newest
// first, and the upload as the status GET answers it (outputs and ready included). Tasks are seeded as the hot path
// writes them (test/support/seed-outputs.ts); subtask fields are VodSubtask's (src/events/vod-output.ts), from
// MediaProcessTaskResult's Status / ErrCode / ErrCodeExt / Message / BeginProcessTime / FinishTime
// (docs/vod-events.md §11.1).
import request from "supertest";
import { seedOutputs, seedTasks, taskFlowOutputs } from "../support/seed-outputs.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const admin = (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.adminToken}`);
const deliver = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);
// Without a ProcedureTaskId: the tasks each test reads are exactly those it seeds.
const uploadOf = (fileId: string) => v3NewFileUpload(fileId, (body) => (body.FileUploadEvent.ProcedureTaskId = ""));

const transcodeFailed = {
  type: "Transcode",
  status: "FAIL",
  errCode: 30010,
  errCodeExt: "InternalError",
  message: "system error",
  beganAt: "2026-11-29T08:00:01.000Z",
  finishedAt: "2026-11-29T08:03:00.000Z",
};

test("answers every task on the file, newest first, with its subtasks", async () => {
  const fileId = newFileId();
  await deliver(uploadOf(fileId));
  await seedTasks(t.db, fileId, [
    {
      taskId: "1256768367-procedurev2-first",
      kind: "Procedure",
      status: "FINISH",
      failed: true,
      errCode: 0,
      message: "",
      subtasks: [transcodeFailed],
      beganAt: new Date("2026-11-29T08:00:00Z"),
      finishedAt: new Date("2026-11-29T08:03:00Z"),
    },
    {
      taskId: "1256768367-procedurev2-review",
      kind: "Procedure",
      status: "PROCESSING",
      beganAt: new Date("2026-11-30T09:00:00Z"),
    },
    { taskId: "1256768367-pull-0", kind: "Pull", status: "FINISH", finishedAt: new Date("2026-11-28T00:00:00Z") },
  ]);
  const response = await admin(`/admin/uploads/${fileId}/events`);
  expect(response.status).toBe(200);
  expect(response.body.tasks).toEqual([
    {
      taskId: "1256768367-procedurev2-review",
      kind: "Procedure",
      status: "PROCESSING",
      failed: false,
      errCode: null,
      message: null,
      subtasks: [],
      beganAt: "2026-11-30T09:00:00.000Z",
      finishedAt: null,
    },
    {
      taskId: "1256768367-procedurev2-first",
      kind: "Procedure",
      status: "FINISH",
      failed: true,
      errCode: 0,
      message: "",
      subtasks: [transcodeFailed],
      beganAt: "2026-11-29T08:00:00.000Z",
      finishedAt: "2026-11-29T08:03:00.000Z",
    },
    {
      taskId: "1256768367-pull-0",
      kind: "Pull",
      status: "FINISH",
      failed: false,
      errCode: null,
      message: null,
      subtasks: [],
      beganAt: null,
      finishedAt: "2026-11-28T00:00:00.000Z",
    },
  ]);
  expect(response.body.upload.ready).toEqual({ playable: true, complete: false, publishable: true });
});

test("answers the upload with its outputs, as the status GET does", async () => {
  const fileId = newFileId();
  await deliver(uploadOf(fileId));
  await seedOutputs(t.db, fileId, taskFlowOutputs(fileId, "1256768367-procedurev2-t1"));
  const timeline = await admin(`/admin/uploads/${fileId}/events`);
  const status = await request(t.app).get(`/v1/uploads/${fileId}`).set("Authorization", `Bearer ${t.apiToken}`);
  expect(timeline.body.upload).toEqual(status.body);
  expect(timeline.body.upload.outputs.adaptive).toHaveLength(1);
  expect(timeline.body.tasks).toEqual([]);
});

test("answers the tasks of a FileId we hold only events for", async () => {
  const fileId = newFileId();
  await deliver(uploadOf(fileId));
  await t.db.pool.query(`DELETE FROM "Upload" WHERE "fileId" = $1`, [fileId]);
  await seedTasks(t.db, fileId, [{ taskId: "1256768367-procedurev2-t9", status: "FINISH" }]);
  const response = await admin(`/admin/uploads/${fileId}/events`);
  expect(response.status).toBe(200);
  expect(response.body.upload).toBeNull();
  expect(response.body.tasks.map((task: { taskId: string }) => task.taskId)).toEqual(["1256768367-procedurev2-t9"]);
});
