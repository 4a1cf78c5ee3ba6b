// callVod's retry rule (STYLE §15): another attempt only for an idempotent call that failed transiently, on the
// schedule given; the final failure is an AppError naming VOD's code and whether VOD may have done the work.
import { callVod } from "../../src/vod/call-vod.js";

const networkError = (reason: string) => new Error(`request to http://127.0.0.1:9/ failed, reason: ${reason}`);
const vodError = (code: string) => Object.assign(new Error("refused"), { code, requestId: "req-1" });

function failing(errors: Error[]) {
  const calls = { count: 0 };
  const call = async () => {
    const error = errors[calls.count];
    calls.count += 1;
    if (error) throw error;
    return "answer";
  };
  return { call, calls };
}

describe("callVod", () => {
  test("repeats an idempotent call after a network error, on its schedule", async () => {
    const { call, calls } = failing([networkError("socket hang up"), vodError("InternalError")]);
    await expect(callVod("DescribeMediaInfos", call, { idempotent: true, delaysMs: [1, 1] })).resolves.toBe("answer");
    expect(calls.count).toBe(3);
  });

  test("makes a non-idempotent call once and says its outcome is unknown when the connection broke", async () => {
    const { call, calls } = failing([networkError("socket hang up")]);
    await expect(callVod("CommitUpload", call, { idempotent: false, delaysMs: [1, 1] })).rejects.toMatchObject({
      code: "vod_error",
      details: { action: "CommitUpload", vodCode: "socket hang up", outcome: "unknown" },
    });
    expect(calls.count).toBe(1);
  });

  test("says the outcome is failed when the connection was refused, as the request never left", async () => {
    const { call } = failing([networkError("connect ECONNREFUSED 127.0.0.1:9")]);
    await expect(callVod("CommitUpload", call, { idempotent: false })).rejects.toMatchObject({
      code: "vod_error",
      details: { vodCode: "ECONNREFUSED", outcome: "failed" },
    });
  });

  test("does not repeat a call VOD refused for its parameters, and answers vod_rejected with the request id", async () => {
    const { call, calls } = failing([vodError("InvalidParameterValue.VodSessionKey")]);
    await expect(callVod("CommitUpload", call, { idempotent: true, delaysMs: [1] })).rejects.toMatchObject({
      code: "vod_rejected",
      details: { vodCode: "InvalidParameterValue.VodSessionKey", requestId: "req-1", outcome: "failed" },
    });
    expect(calls.count).toBe(1);
  });

  test("gives up after the last wait of the schedule with VOD's last code", async () => {
    const { call, calls } = failing([vodError("InternalError"), vodError("InternalError"), vodError("InternalError")]);
    await expect(callVod("DescribeTasks", call, { idempotent: true, delaysMs: [1, 1] })).rejects.toMatchObject({
      code: "vod_error",
      details: { action: "DescribeTasks", vodCode: "InternalError" },
    });
    expect(calls.count).toBe(3);
  });
});
