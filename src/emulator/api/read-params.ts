// Turns an action's JSON body into typed parameters, failing with the codes Tencent Cloud API 3.0 uses for
// parameter errors: MissingParameter (absent), InvalidParameter (wrong type), UnknownParameter (a key the action
// does not define), InvalidParameterValue (right type, bad value).
import type { z } from "zod";
import { ApiError } from "./api-error.js";

export function readParams<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ApiError("InvalidParameter", "The request parameters are invalid.");
  const name = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    throw new ApiError("UnknownParameter", `The parameter \`${issue.keys.join("`, `")}\` is not recognized.`);
  }
  if (issue.code === "invalid_type" && valueAt(body, issue.path) === undefined) {
    throw new ApiError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
  }
  if (issue.code === "invalid_type") {
    throw new ApiError("InvalidParameter", `The parameter \`${name}\` must be of type ${issue.expected}.`);
  }
  throw new ApiError("InvalidParameterValue", `The value of \`${name}\` is invalid: ${issue.message}`);
}

function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
