// The one request-validation helper (STYLE §4): params/query/body → typed values, or one invalid_request error
// carrying zod's issues. defineRoute calls it for every schema a route declares.
import type { z } from "zod";
import { AppError } from "../errors.js";

export function validate<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: "params" | "query" | "body",
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError(
    "invalid_request",
    `invalid ${where}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || where}: ${issue.message}`).join("; ")}`,
    parsed.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)],
      message: issue.message,
      code: issue.code,
    })),
  );
}
