import type { z } from "zod";

/** One schema failure, shaped like a zod issue so admins and the `invalid` answer can show it as is. */
export interface NormaliseIssue {
  path: Array<string | number>;
  message: string;
  code: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: NormaliseIssue[] };

export function parseEvent<S extends z.ZodType, T>(
  schema: S,
  body: unknown,
  map: (parsed: z.output<S>) => T,
): Parsed<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === "number" ? key : String(key))),
      message: issue.message,
      code: issue.code,
    }));
    return { ok: false, issues };
  }
  return { ok: true, value: map(result.data) };
}
