// DescribeTasks on the emulator: how reconcile finds the task flow of a file whose NewFileUpload was lost.
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { uploadToEmulator } from "../support/emulator-upload.js";

const credentials = { secretId: "AKIDdescribeTasks0000000000000000", secretKey: "describeTasksSecretKey0000000000" };
let emulator: EmulatorHandle;
let client: VodClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 60_000 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(() => emulator.close());

describe("DescribeTasks", () => {
  test("lists the Procedure task of a FileId with its status, and nothing for a file without one", async () => {
    const withProcedure = await uploadToEmulator(client, emulator.cosDomain, {
      procedure: "LongVideoPreset",
      sessionContext: "ctx-1",
    });
    const plain = await uploadToEmulator(client, emulator.cosDomain);
    const answer = await client.DescribeTasks({ FileId: withProcedure.fileId });
    expect(answer.TaskSet).toEqual([
      expect.objectContaining({
        TaskId: emulator.state.media.get(withProcedure.fileId)!.procedureTaskId,
        TaskType: "Procedure",
        Status: "WAITING",
        FileId: withProcedure.fileId,
        SessionContext: "ctx-1",
        CreateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
        FinishTime: "",
      }),
    ]);
    expect(answer.ScrollToken).toBe("");
    expect((await client.DescribeTasks({ FileId: plain.fileId })).TaskSet).toEqual([]);
    expect((await client.DescribeTasks({ FileId: withProcedure.fileId, Status: "FINISH" })).TaskSet).toEqual([]);
  });

  test("keeps sub-applications apart", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, {
      procedure: "LongVideoPreset",
      subAppId: 1500000001,
    });
    expect((await client.DescribeTasks({ FileId: fileId })).TaskSet).toEqual([]);
    expect((await client.DescribeTasks({ FileId: fileId, SubAppId: 1500000001 })).TaskSet).toHaveLength(1);
  });
});

describe("tasks older than VOD's 72 hours", () => {
  afterEach(() => emulator.configure({ taskRetentionMs: 72 * 60 * 60 * 1000, procedureDelayMs: 60_000 }));

  test("are ResourceNotFound to DescribeTaskDetail and left out by DescribeTasks, while the media keeps its outputs", async () => {
    // SDK docs (vod_client): DescribeTaskDetail "最多可以查询3天之内提交的任务", DescribeTasks "只能查询到最近三天（72 小时）
    // 内的任务"; taskRetentionMs 0 makes every task that old.
    emulator.configure({ procedureDelayMs: 10 });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const taskId = emulator.state.media.get(fileId)!.procedureTaskId;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await client.DescribeTaskDetail({ TaskId: taskId })).Status).toBe("FINISH");
    emulator.configure({ taskRetentionMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(client.DescribeTaskDetail({ TaskId: taskId })).rejects.toMatchObject({ code: "ResourceNotFound" });
    expect((await client.DescribeTasks({ FileId: fileId })).TaskSet).toEqual([]);
    const [info] = (await client.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet!;
    expect(info!.TranscodeInfo!.TranscodeSet).toHaveLength(3);
  });
});
