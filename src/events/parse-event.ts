import type { z } from "zod";

// The event schemas given here (all but the two envelopes, a check of one member) are compiled: z.compile, zod 4.5+,
// https://zod.dev/compile. A body the schema accepts takes generated code, without the runtime parser's dispatch and
// payload objects per member (4.0 µs → 1.9 µs a NewFileUpload, issue 13); any other body falls back to the
// runtime parser, so the issues are the ones zod always gave. Refinements and transforms may then run twice, so they
// stay pure. z.compile hands back a schema it cannot compile unchanged: test/unit/compiled-event-schemas.test.ts
// checks that each one still is compiled, and answers as the runtime parser does.

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
