// The status reads with outputs, tasks and the ready filter on the embedded database (PGlite, the default mode when
// DATABASE_URL is unset): the same SQL must run there (it reports PostgreSQL 18; we write for 15). Outputs and tasks
// seeded as the hot path writes them (test/support/seed-outputs.ts; shapes from docs/vod-events.md §11.2).
import request from "supertest";
import { seedOutputs, seedTasks, taskFlowOutputs, vodFolder } from "../support/seed-outputs.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ mode: "embedded" });
}, 60_000);
afterAll(() => t.close());

const api = (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`);
const deliver = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);
const uploadOf = (fileId: string, sourceContext: string) =>
  v3NewFileUpload(fileId, (body) => {
    body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = sourceContext;
    body.FileUploadEvent.ProcedureTaskId = "";
  });

test("answers outputs, playback, ready and the ready filter on the embedded database", async () => {
  const sourceContext = `embedded-${newFileId()}`;
  const [done, running] = [newFileId(), newFileId()];
  await deliver(uploadOf(done, sourceContext));
  await deliver(uploadOf(running, sourceContext));
  await seedOutputs(t.db, done, taskFlowOutputs(done, "flow-done"));
  await seedTasks(t.db, done, [{ taskId: "flow-done", status: "FINISH" }]);
  await seedTasks(t.db, running, [{ taskId: "flow-running", status: "PROCESSING" }]);

  const status = await api(`/v1/uploads/${done}`);
  expect(status.status).toBe(200);
  expect(status.body.outputs.playback).toEqual({
    url: `${vodFolder(done)}/adp.10.m3u8`,
    kind: "adaptive",
    format: "hls",
    definition: 10,
  });
  expect(status.body.outputs.renditions[0]).toMatchObject({ bitrate: 552218, finishedAt: "2026-11-30T09:10:00.120Z" });
  expect(status.body.ready).toEqual({ playable: true, complete: true, publishable: true });

  const complete = await api(`/v1/uploads?sourceContext=${sourceContext}&ready=complete&include=outputs`);
  expect(complete.body.items.map((item: { fileId: string }) => item.fileId)).toEqual([done]);
  expect(complete.body.items[0]).toEqual(status.body);
  const playable = await api(`/v1/uploads?sourceContext=${sourceContext}&ready=playable`);
  expect(playable.body.items.map((item: { fileId: string }) => item.fileId).sort()).toEqual([done, running].sort());
  expect(playable.body.items.every((item: object) => !("outputs" in item))).toBe(true);

  const timeline = await request(t.app)
    .get(`/admin/uploads/${running}/events`)
    .set("Authorization", `Bearer ${t.adminToken}`);
  expect(timeline.body.tasks).toEqual([expect.objectContaining({ taskId: "flow-running", status: "PROCESSING" })]);
});
