// The baselines of the query benchmark: Express answering a constant JSON body, nothing else. /page answers a
// constant page of 50 uploads shaped like ours (~32 KB), to show what the size of a list answer alone costs.
import express from "express";

const app = express();
const body = { status: "ok" };
const at = "2026-11-30T09:10:00.000Z";
const upload = (n) => ({
  id: `upl_bench${n}`,
  fileId: String(5285890700000000000n + BigInt(n)),
  status: "PROCESSED",
  sourceType: "Upload",
  sourceContext: `order-${n}`,
  procedure: null,
  procedureTaskId: `1256768367-Procedure-${n}t1`,
  procedureStatus: null,
  procedureErrCode: null,
  procedureMessage: null,
  mediaUrl: `https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/${n}/q1BORBPQH1IA.mp4`,
  coverUrl: null,
  name: `lesson-${n}`,
  mediaType: "mp4",
  storageRegion: "ap-chongqing",
  subAppId: null,
  metadata: { size: 7700180, duration: 60 },
  createdAt: at,
  updatedAt: at,
  uploadedAt: at,
  processedAt: null,
  deletedAt: null,
});
const page = {
  items: Array.from({ length: 50 }, (_, n) => upload(n)),
  nextCursor: "MjAyNi0xMS0zMFQwOToxMDowMC4wMDBafHVwbF9iZW5jaDQ5",
};
app.get("/page", (_req, res) => res.json(page));
app.get("/*path", (_req, res) => res.json(body));
app.listen(Number(process.env.PORT), "127.0.0.1");
