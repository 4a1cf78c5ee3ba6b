// Every real payload of test/fixtures (where each comes from: test/fixtures/SOURCES.md) posted as its sender wrote it
// (the file's text, so a FileId sent as a bare 19-digit JSON number travels unrounded): each is acknowledged with
// 200, stored once with its type and format, and applied or ignored as the code decides, and linked to
// every other file it names (its timeline shows it there). A fixture added
// without a row here fails the first test, so what the code does with a new payload is always a decision.
import { readFileSync } from "node:fs";
import request from "supertest";
import { fixtureNames } from "../fixtures/fixture-names.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** outcome answered and stored, the FileId the stored event is filed under (null: none), and the other files it is
 *  linked to (none unless listed). */
const expected: Record<string, { outcome: "applied" | "ignored"; fileId: string | null; links?: string[] }> = {
  "legacy/file-deleted": { outcome: "applied", fileId: "24961954183381008" },
  "legacy/new-file-upload": { outcome: "applied", fileId: "5285890784273533167" },
  "legacy/new-file-upload-meta": { outcome: "applied", fileId: "24961954183381008" },
  "legacy/new-file-upload-record": { outcome: "applied", fileId: "5285890784273533167" },
  "legacy/procedure-finish-failed": { outcome: "applied", fileId: "5285890784273599001" },
  "legacy/procedure-state-changed": { outcome: "applied", fileId: "5285890784273533167" },
  "legacy/procedure-state-changed-outputs": { outcome: "applied", fileId: "123123123" },
  // PullComplete is a pull upload's "upload finished" (issue 15), in all three documented shapes.
  "legacy/pull-complete": { outcome: "applied", fileId: "5285890784273600042" },
  "legacy/pull-complete-current-fields": { outcome: "applied", fileId: "14508071098244959037" },
  // A 2017-format TranscodeComplete is a finished Transcode task: its playSet gives renditions, -43001 fails the file.
  "legacy/transcode-complete": { outcome: "applied", fileId: "14508071098244931831" },
  "legacy/transcode-complete-failed": { outcome: "applied", fileId: "14508071098244931831" },
  // A successful edit or compose is an upload of its output (the compose output's FileId a bare 19-digit number,
  // read from the text), linked to its inputs.
  "v3/compose-media-complete": {
    outcome: "applied",
    fileId: "5285485487985271490",
    links: ["5285485487985271487", "5285485487985271488", "5285485487985271489"],
  },
  "v3/edit-media-complete": {
    outcome: "applied",
    fileId: "24961954183923290",
    links: ["24961954183381008", "24961954183381009", "24961954183381010"],
  },
  "v3/file-deleted": { outcome: "applied", fileId: "5285890784273533167" },
  "v3/file-deleted-partial": { outcome: "applied", fileId: "5285890784273533167" },
  "v3/new-file-upload": { outcome: "applied", fileId: "5285890784273533167" },
  "v3/procedure-finish-failed": { outcome: "applied", fileId: "5285890784273599001" },
  "v3/procedure-finish-outputs": { outcome: "applied", fileId: "3701925920477195402" },
  "v3/procedure-finish-success": { outcome: "applied", fileId: "5285890784273533167" },
  "v3/procedure-processing": { outcome: "applied", fileId: "5285890784273533167" },
  "v3/pull-complete": { outcome: "applied", fileId: "5285890784273600042" },
  // Filed under its FileId, one level down; it names no other file.
  "v3/wechat-publish-complete": { outcome: "ignored", fileId: "24961954183381008" },
  "v3/review-procedure-ai-content": { outcome: "applied", fileId: "5285890784246869930" },
  // A verdict on the file its Input names (issue 15): filed under that FileId, whose row it creates.
  "v3/review-audio-video-complete": { outcome: "applied", fileId: "387702130626135215" },
  "legacy/review-procedure-content-review": { outcome: "applied", fileId: "14508071098244959037" },
};

const textOf = (name: string) => readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8");

test("has an expected outcome for every fixture", () => {
  expect(Object.keys(expected).sort()).toEqual(fixtureNames().sort());
});

test.each(fixtureNames())("acknowledges and stores the fixture %s once, with its outcome", async (name) => {
  const raw = textOf(name);
  const body = JSON.parse(raw) as Record<string, unknown>;
  const post = () => request(t.app).post(t.callbackPath).set("Content-Type", "application/json").send(raw);
  const response = await post();
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ outcome: expected[name]!.outcome });
  expect((await post()).body).toEqual({ outcome: "duplicate" });

  // Found by the text itself: the raw event is kept exactly as posted.
  const stored = await t.db.prisma.$queryRaw<
    Array<{ format: string; outcome: string; fileId: string | null; links: string[] }>
  >`
    SELECT format, outcome, "fileId",
      ARRAY(SELECT l."fileId" FROM "VodEventFile" l WHERE l."eventId" = e.id ORDER BY l."fileId") AS links
    FROM "VodEvent" e WHERE "payloadText" = ${raw}`;
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    format: "EventType" in body ? "v3" : "legacy",
    outcome: expected[name]!.outcome,
    fileId: expected[name]!.fileId,
    links: expected[name]!.links ?? [],
  });
});
