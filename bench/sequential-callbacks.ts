// Hand measurement of issue 3: callbacks/s for N sequential POSTs (one at a time, keep-alive) against the service
// on PostgreSQL (DATABASE_URL set) or on the embedded database (unset). Prints figures; asserts nothing.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench npx tsx bench/sequential-callbacks.ts 2000
//   npx tsx bench/sequential-callbacks.ts 2000
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.js";
import { serve } from "../src/http/serve.js";
import { createLogger } from "../src/logger.js";

const count = Number(process.argv[2] ?? 2000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-bench-"));
const config = loadConfig({
  ...process.env,
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  CALLBACK_TOKEN: "bench",
  API_TOKENS: "bench",
  LOG_LEVEL: "silent",
});
const server = await serve(config, createLogger({ level: "silent" }));
const runId = Date.now() % 1e9;

function body(i: number): string {
  const fileId = `52858907${String(runId).padStart(9, "0")}${String(i).padStart(6, "0")}`;
  const kind = i % 3;
  if (kind === 2) {
    return JSON.stringify({
      version: "4.0",
      eventType: "NewFileUpload",
      data: {
        fileId,
        fileName: `lesson-${i}`,
        fileUrl: `http://1256768367.vod2.myqcloud.com/x/${fileId}/f0.mp4`,
        sourceType: "ServerUpload",
        sourceContext: `order-${i}`,
        procedureTaskId: "",
      },
    });
  }
  return JSON.stringify({
    EventType: "NewFileUpload",
    FileUploadEvent: {
      FileId: fileId,
      ProcedureTaskId: kind === 1 ? `1256768367-Procedure-${i}t1` : "",
      ReviewAudioVideoTaskId: "",
      MediaBasicInfo: {
        Name: `lesson-${i}`,
        Type: "mp4",
        StorageRegion: "ap-chongqing",
        CreateTime: "2024-06-10T08:12:40Z",
        MediaUrl: `https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/${fileId}/q1BORBPQH1IA.mp4`,
        SourceInfo: { SourceType: "Upload", SourceContext: `order-${i}` },
        Category: "Video",
        Status: "Normal",
        StorageClass: "STANDARD",
      },
      MetaData: {
        Size: 7700180,
        Container: "mov,mp4,m4a,3gp,3g2,mj2",
        Bitrate: 1021028,
        Height: 480,
        Width: 640,
        Duration: 60,
      },
    },
  });
}

const url = `${server.url}/callbacks/vod?token=bench`;
for (let i = 0; i < 50; i += 1) await fetch(url, { method: "POST", body: body(count + i) }); // warm-up
const started = performance.now();
let failures = 0;
for (let i = 0; i < count; i += 1) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body(i) });
  if (response.status !== 200) failures += 1;
  await response.arrayBuffer();
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `database=${server.database.mode} callbacks=${count} failures=${failures} seconds=${seconds.toFixed(2)} ` +
    `callbacks_per_s=${(count / seconds).toFixed(0)} mean_ms=${((seconds * 1000) / count).toFixed(2)} rss_mb=${(process.memoryUsage().rss / 2 ** 20).toFixed(0)}`,
);
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
