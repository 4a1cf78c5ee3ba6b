// The list route's `ready` (always), `outputs` (with ?include=outputs) and the ?ready=playable|complete filter.
// The filter is the pure rule (src/uploads/readiness.ts) written again in SQL (src/db/ready-sql.ts): over a table
// of uploads, each filter answers exactly the uploads expected by hand, and exactly those whose answered `ready`
// says so — the two rules agree upload by upload. Outputs and tasks are seeded as the hot path writes them
// (test/support/seed-outputs.ts; shapes from docs/vod-events.md §11.2).
import request from "supertest";
import type { Prisma } from "../../src/db/generated/client.js";
import { seedOutputs, seedTasks, taskFlowOutputs, type SeedOutput, type SeedTask } from "../support/seed-outputs.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const api = (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`);

interface Case {
  name: string;
  upload: Partial<Prisma.UploadCreateManyInput>;
  outputs?: (fileId: string) => SeedOutput[];
  tasks?: SeedTask[];
  playable: boolean;
  complete: boolean;
}

const mediaUrl = "https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/5b8e2d5c/q1BORBPQH1IA.mp4";
const stream = (url: string | null, pkg: string | null = "HLS"): SeedOutput[] => [
  { kind: "adaptive", definition: 10, url, details: pkg ? { package: pkg } : {} },
];
const finished: SeedTask[] = [{ taskId: "flow-1", status: "FINISH" }];

const cases: Case[] = [
  { name: "uploaded, no task flow", upload: { status: "UPLOADED" }, playable: true, complete: true },
  { name: "pending", upload: { status: "PENDING", fileId: null, mediaUrl: null }, playable: false, complete: false },
  {
    name: "deleted with outputs left",
    upload: { status: "DELETED" },
    outputs: (fileId) => taskFlowOutputs(fileId, "flow-1"),
    tasks: finished,
    playable: false,
    complete: true,
  },
  {
    name: "processing",
    upload: { status: "PROCESSING" },
    tasks: [{ taskId: "flow-1", status: "PROCESSING" }],
    playable: true,
    complete: false,
  },
  {
    name: "processed, a transcode but no source URL",
    upload: { status: "PROCESSED", mediaUrl: null },
    outputs: (fileId) => [{ kind: "transcode", definition: 100020, url: `https://x/${fileId}/v.f100020.mp4` }],
    tasks: finished,
    playable: true,
    complete: true,
  },
  {
    name: "processed, only a cover and no source URL",
    upload: { status: "PROCESSED", mediaUrl: null },
    outputs: () => [{ kind: "cover", definition: 10, url: "https://x/cover.jpg" }],
    tasks: finished,
    playable: false,
    complete: true,
  },
  {
    name: "template asked for, nothing known of it",
    upload: { status: "UPLOADED", procedure: "LongVideoPreset" },
    playable: true,
    complete: false,
  },
  {
    name: "template asked for, its task id known",
    upload: { status: "UPLOADED", procedure: "LongVideoPreset", procedureTaskId: "1256768367-Procedure-t1" },
    playable: true,
    complete: true,
  },
  {
    name: "failed task flow",
    upload: { status: "FAILED" },
    tasks: [{ taskId: "flow-1", status: "FINISH", failed: true, errCode: 30010 }],
    playable: true,
    complete: true,
  },
  {
    name: "empty source URL and a stream with an empty URL",
    upload: { status: "PROCESSED", mediaUrl: "" },
    outputs: () => stream(""),
    tasks: finished,
    playable: false,
    complete: true,
  },
  {
    name: "a second task flow still running",
    upload: { status: "PROCESSED" },
    tasks: [...finished, { taskId: "flow-2", kind: "Procedure", status: "PROCESSING" }],
    playable: true,
    complete: false,
  },
  {
    name: "a stream of no known package and no source URL",
    upload: { status: "PROCESSED", mediaUrl: null },
    outputs: () => stream("https://x/adp.10.ism", null),
    playable: true,
    complete: true,
  },
];

const sourceContext = `ready-${newFileId()}`;
const ids = cases.map((_, n) => `upl_ready${n}x${sourceContext.slice(-6)}`);

beforeAll(async () => {
  const rows = cases.map(({ upload }, n): Prisma.UploadCreateManyInput => ({
    id: ids[n] as string,
    fileId: newFileId(),
    status: "UPLOADED",
    sourceContext,
    mediaUrl,
    updatedAt: new Date(Date.UTC(2026, 10, 30, 9, 10, n)),
    ...upload,
  }));
  await t.db.prisma.upload.createMany({ data: rows });
  for (const [n, row] of rows.entries()) {
    const { outputs, tasks } = cases[n] as Case;
    if (!row.fileId) continue;
    if (outputs) await seedOutputs(t.db, row.fileId, outputs(row.fileId));
    if (tasks) await seedTasks(t.db, row.fileId, tasks);
  }
});

const namesOf = (items: Array<{ id: string }>) =>
  items.map((item) => cases[ids.indexOf(item.id)]?.name ?? item.id).sort();

describe("GET /v1/uploads?ready=", () => {
  test.each(["playable", "complete"] as const)(
    "ready=%s answers the uploads expected by hand, exactly those whose answered ready says so",
    async (level) => {
      const all = await api(`/v1/uploads?sourceContext=${sourceContext}&limit=200`);
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(cases.length);
      const filtered = await api(`/v1/uploads?sourceContext=${sourceContext}&ready=${level}&limit=200`);
      expect(filtered.status).toBe(200);
      const expected = cases.filter((c) => c[level]).map((c) => c.name);
      expect(namesOf(filtered.body.items)).toEqual([...expected].sort());
      const answeredReady = all.body.items.filter((item: { ready: Record<string, boolean> }) => item.ready[level]);
      expect(namesOf(answeredReady)).toEqual([...expected].sort());
    },
  );

  test("pages a filtered list with a cursor, every match once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await api(
        `/v1/uploads?sourceContext=${sourceContext}&ready=playable&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(cases.filter((c) => c.playable).length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("answers 400 invalid_request to an unknown ready level or include", async () => {
    for (const query of ["ready=yes", "ready=", "include=everything"]) {
      const response = await api(`/v1/uploads?${query}`);
      expect([query, response.status, response.body.error?.code]).toEqual([query, 400, "invalid_request"]);
    }
  });
});

describe("GET /v1/uploads?include=outputs", () => {
  test("items carry ready always, and outputs only when asked, as GET /v1/uploads/:ref answers them", async () => {
    const plain = await api(`/v1/uploads?sourceContext=${sourceContext}&limit=200`);
    const included = await api(`/v1/uploads?sourceContext=${sourceContext}&limit=200&include=outputs`);
    expect(plain.body.items.every((item: object) => !("outputs" in item) && "ready" in item)).toBe(true);
    expect(included.body.items.map((item: { id: string }) => item.id)).toEqual(
      plain.body.items.map((item: { id: string }) => item.id),
    );
    for (const [n, item] of (included.body.items as Array<Record<string, any>>).entries()) {
      const one = await api(`/v1/uploads/${item.id}`);
      expect(item).toEqual(one.body);
      const { outputs: _outputs, ...rest } = item;
      expect(plain.body.items[n]).toEqual(rest);
    }
    const deleted = included.body.items.find(
      (item: { id: string }) => namesOf([item])[0] === "deleted with outputs left",
    );
    expect(deleted.outputs.renditions).toHaveLength(1);
    expect(deleted.outputs.playback).toBeNull();
  });
});
