// An error VOD answers with `{"Response":{"Error":{"Code","Message"},"RequestId"}}`. Codes are Tencent Cloud's
// (common list in vod-reference §8, VOD-specific ones from the Go SDK's per-action lists).
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}
