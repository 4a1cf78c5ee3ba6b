// Realistic event streams for the reliability tests: per FileId a NewFileUpload (v3 or the 2017 format), maybe a
// PROCESSING, zero to two task-flow results and maybe a delete, made from the real payload fixtures
// (test/support/vod-payloads.ts) and a seeded PRNG. Chosen so that the rule's final state does not depend on
// arrival order once each event's arrival time is fixed: task results carry distinct finish times, each file
// has at most one NewFileUpload, one PROCESSING, one result without a finish time and one delete. That is what
// lets a test compare the stored Upload with the rule applied to the same events in another order.
import { dedupeKey } from "../../../src/events/dedupe-key.js";
import {
  legacyFileDeleted,
  legacyNewFileUpload,
  legacyProcedure,
  v3FileDeleted,
  v3NewFileUpload,
  v3Procedure,
} from "../../support/vod-payloads.js";
import { loadFixture } from "../../fixtures/load-fixture.js";
import type { Random } from "./seeded-random.js";

type Json = Record<string, any>;

export type PlannedEventType = "NewFileUpload" | "ProcedureStateChanged" | "FileDeleted";

export interface PlannedEvent {
  /** sha256 dedupe key of the body (src/events/dedupe-key.ts): how a stored VodEvent row is matched. */
  key: string;
  fileId: string;
  eventType: PlannedEventType;
  format: "v3" | "legacy";
  body: Json;
}

export interface EventPlan {
  events: PlannedEvent[];
  fileIds: string[];
}

export interface PlanOptions {
  /** Exactly this many events (the last file may get fewer than planned). */
  events: number;
  /** Share of NewFileUpload, results and deletes in the 2017 format; 0 = v3 only (what PULL hands out). */
  legacyShare: number;
}

const FINISH_BASE = Date.UTC(2024, 5, 10, 8, 0, 0);

export function planEvents(random: Random, options: PlanOptions): EventPlan {
  const events: PlannedEvent[] = [];
  const fileIds: string[] = [];
  const tag = String(random.int(0, 999_999)).padStart(6, "0");
  for (let n = 0; events.length < options.events; n += 1) {
    const fileId = `7${tag}${String(n).padStart(10, "0")}`;
    fileIds.push(fileId);
    for (const body of fileEvents(random, fileId, n, options.legacyShare)) {
      if (events.length >= options.events) break;
      const format = "EventType" in body ? "v3" : "legacy";
      const eventType = (body.EventType ?? body.eventType) as PlannedEventType;
      events.push({ key: dedupeKey(body), fileId, eventType, format, body });
    }
  }
  return { events, fileIds };
}

function fileEvents(random: Random, fileId: string, n: number, legacyShare: number): Json[] {
  const taskId = `1256768367-Procedure-${fileId}t1`;
  const legacy = () => random.chance(legacyShare);
  const bodies: Json[] = [];

  if (legacy()) {
    const body = legacyNewFileUpload(fileId);
    Object.assign(body.data, {
      fileName: `rel-${n}`,
      sourceContext: `ctx-${n}`,
      procedureTaskId: taskId,
      fileUrl: `http://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/${fileId}/f0.mp4`,
    });
    bodies.push(body);
  } else {
    bodies.push(
      v3NewFileUpload(fileId, (body) => {
        const info = body.FileUploadEvent.MediaBasicInfo;
        info.Name = `rel-${n}`;
        info.SourceInfo.SourceContext = `ctx-${n}`;
        info.MediaUrl = `https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/${fileId}/q1BORBPQH1IA.mp4`;
        info.CreateTime = new Date(FINISH_BASE + n * 1000).toISOString().replace(".000Z", "Z");
        body.FileUploadEvent.ProcedureTaskId = taskId;
      }),
    );
  }

  if (random.chance(0.5)) {
    const body = v3Procedure(fileId, "processing");
    body.ProcedureStateChangeEvent.TaskId = taskId;
    bodies.push(body);
  }

  const results = random.weighted([
    [0.15, 0],
    [0.65, 1],
    [0.2, 2],
  ] as const);
  for (let k = 0; k < results; k += 1) {
    const failed = random.chance(0.25);
    if (results === 1 && legacy()) {
      // The 2017 format has no finish time: the arrival time orders it (at most one such result per file).
      const body = failed ? legacyFailedProcedure(fileId) : legacyProcedure(fileId);
      body.data.vodTaskId = taskId;
      bodies.push(body);
      continue;
    }
    const body = v3Procedure(fileId, failed ? "failed" : "success");
    body.ProcedureStateChangeEvent.TaskId = taskId;
    const finish = new Date(FINISH_BASE + n * 60_000 + (k + 1) * 7_000 + random.int(0, 999) * 3).toISOString();
    for (const result of body.ProcedureStateChangeEvent.MediaProcessResultSet ?? []) {
      for (const task of Object.values(result as Json)) {
        if (task && typeof task === "object" && "FinishTime" in task) task.FinishTime = finish;
      }
    }
    bodies.push(body);
  }

  if (random.chance(0.25)) {
    const kind = random.weighted([
      [0.4, "whole"],
      [0.3, "partial"],
      [0.3, "legacy"],
    ] as const);
    if (kind === "legacy" && legacyShare > 0) bodies.push(legacyFileDeleted(fileId));
    else bodies.push(v3FileDeleted(fileId, { partial: kind === "partial" }));
  }
  return random.shuffle(bodies);
}

function legacyFailedProcedure(fileId: string): Json {
  const body = loadFixture("legacy/procedure-finish-failed") as Json;
  body.data.fileId = fileId;
  return body;
}
