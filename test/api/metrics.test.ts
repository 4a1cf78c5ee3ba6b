// GET /metrics: Prometheus text with events by outcome and type, ingest latency, group-commit statements, auth
// failures and process metrics.
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

test("counts callbacks by outcome and event type, their latency and statements, and refused credentials", async () => {
  const body = v3NewFileUpload();
  await request(t.app).post(t.callbackPath).send(body).expect(200);
  await request(t.app).post(t.callbackPath).send(body).expect(200);
  await request(t.app).post("/callbacks/vod?token=wrong").send(body).expect(401);
  await request(t.app).get("/admin/stats").set("Authorization", `Bearer ${t.apiToken}`).expect(403);

  const response = await request(t.app).get("/metrics");
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toMatch(/text\/plain/);
  const text = response.text;
  expect(text).toMatch(/vod_tracker_events_total\{channel="push",event_type="NewFileUpload",outcome="applied"\} 1/);
  expect(text).toMatch(/vod_tracker_events_total\{channel="push",event_type="NewFileUpload",outcome="duplicate"\} 1/);
  expect(text).toMatch(/vod_tracker_ingest_seconds_count\{channel="push"\} 2/);
  // Two callbacks one after the other: two group-commit statements of one event each.
  expect(text).toMatch(/^vod_tracker_ingest_group_size_count 2$/m);
  expect(text).toMatch(/^vod_tracker_ingest_group_size_sum 2$/m);
  expect(text).toMatch(/^vod_tracker_ingest_group_seconds_count 2$/m);
  expect(text).toMatch(/vod_tracker_auth_failures_total\{route="\/callbacks",code="unauthenticated"\} 1/);
  expect(text).toMatch(/vod_tracker_auth_failures_total\{route="\/admin",code="forbidden"\} 1/);
  expect(text).toMatch(/process_cpu_user_seconds_total/);
});
