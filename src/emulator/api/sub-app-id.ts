// SubAppId as VOD reads it: absent, 0 or the account's own AppId all mean the primary application (key 0).
import { z } from "zod";
import { ApiError } from "./api-error.js";

export const subAppIdParam = z.number().optional();

export function subAppIdOf(value: number | undefined, appId: string): number {
  if (value === undefined || value === 0 || String(value) === appId) return 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ApiError("InvalidParameterValue.SubAppId", "SubAppId must be a positive integer.");
  }
  return value;
}
