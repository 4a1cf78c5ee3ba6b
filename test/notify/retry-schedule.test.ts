// The retry rule (issue 16 §3): the schedule with jitter, Retry-After on 429/503 only, 410 disables, 2xx delivered.
import { decideAttempt } from "../../src/notify/decide-attempt.js";
import { defaultRetrySchedule, retryAfterMs, retryDelay } from "../../src/notify/retry-schedule.js";

const answered = (status: number, retryAfter?: string) =>
  ({ kind: "answered", status, body: "", retryAfter, latencyMs: 1 }) as const;

describe("retry schedule", () => {
  it("is Svix's: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", () => {
    expect(defaultRetrySchedule).toEqual([0, 5e3, 300e3, 1800e3, 7200e3, 18000e3, 36000e3, 36000e3]);
  });

  it("jitters each delay within ±20% and is spent after the last", () => {
    expect(retryDelay(defaultRetrySchedule, 1, { random: () => 0 })).toBe(4000);
    expect(retryDelay(defaultRetrySchedule, 1, { random: () => 1 })).toBe(6000);
    expect(retryDelay(defaultRetrySchedule, 8)).toBeNull();
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30_000);
    expect(retryAfterMs("soon")).toBeNull();
  });
});

describe("decideAttempt", () => {
  const schedule = [0, 1000, 1000];
  const now = 1_000_000;

  it("delivers on 2xx, disables on 410, and fails when the schedule is spent", () => {
    expect(decideAttempt(answered(200), 1, schedule).messageStatus).toBe("delivered");
    expect(decideAttempt(answered(410), 1, schedule)).toMatchObject({ outcome: "disabled", messageStatus: "failed" });
    expect(decideAttempt(answered(500), 3, schedule)).toMatchObject({ outcome: "failed", messageStatus: "failed" });
  });

  it("honours Retry-After on 429 and 503 and ignores it on other answers", () => {
    expect(decideAttempt(answered(429, "60"), 1, schedule, { now }).nextAttemptAt).toEqual(new Date(now + 60_000));
    expect(decideAttempt(answered(503, "60"), 1, schedule, { now }).nextAttemptAt).toEqual(new Date(now + 60_000));
    expect(decideAttempt(answered(500, "60"), 1, schedule, { now, random: () => 0.5 }).nextAttemptAt).toEqual(
      new Date(now + 1000),
    );
  });

  it("retries a redirect, no answer and a refused address like a failure", () => {
    expect(decideAttempt(answered(302), 1, schedule).outcome).toBe("retry");
    expect(decideAttempt({ kind: "no_answer", error: "ECONNRESET", latencyMs: 1 }, 1, schedule).outcome).toBe("retry");
    expect(decideAttempt({ kind: "refused", error: "loopback", latencyMs: 0 }, 1, schedule).outcome).toBe("refused");
  });
});
