import { AppError, type ErrorCode } from "../../src/errors.js";
import { errorToHttp } from "../../src/http/error-to-http.js";

describe("errorToHttp", () => {
  test.each<[ErrorCode, number]>([
    ["unauthenticated", 401],
    ["signature_expired", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["invalid_request", 400],
    ["invalid_json", 400],
    ["conflict", 409],
    ["payload_too_large", 413],
    ["rate_limited", 429],
    ["vod_error", 502],
    ["vod_rejected", 400],
    ["vod_outcome_unknown", 502],
    ["vod_not_configured", 503],
    ["database_unavailable", 503],
    ["database_misconfigured", 503],
    ["shutting_down", 503],
    ["internal", 500],
  ])("maps %s to %i with the code in the body", (code, status) => {
    const answer = errorToHttp(new AppError(code, "message", { a: 1 }));
    expect(answer).toEqual({ status, body: { error: { code, message: "message", details: { a: 1 } } } });
  });

  test("maps body-parser's too-large error to 413 with the limit of the parser that refused it", () => {
    const answer = errorToHttp(Object.assign(new Error("too large"), { type: "entity.too.large", limit: 102_400 }));
    expect([answer.status, answer.body.error.code, answer.body.error.details]).toEqual([
      413,
      "payload_too_large",
      { limitBytes: 102_400 },
    ]);
  });

  test("maps other client errors that carry only a 4xx status (undecodable gzip body, bad percent-encoding) to 400", () => {
    expect(errorToHttp(Object.assign(new Error("incorrect header check"), { status: 400 })).body.error.code).toBe(
      "invalid_request",
    );
    expect(errorToHttp(Object.assign(new URIError("URI malformed"), { status: 400 })).status).toBe(400);
  });

  test("hides the details of an unknown error behind a generic 500", () => {
    expect(errorToHttp(new Error("password=hunter2 leaked"))).toEqual({
      status: 500,
      body: { error: { code: "internal", message: "internal error" } },
    });
  });
});
