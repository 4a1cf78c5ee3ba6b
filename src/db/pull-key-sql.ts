// The key a pull task is matched by: its TaskId from "Pull-" on. The current format and PullUpload's answer name a
// task "1256768367-Pull-f5ac…", the 2017 format "Pull-f5ac…" (the AppId prefix dropped: src/emulator/pulls and
// Tencent's archived page agree); a TaskId without "Pull-" is its own key. The same expression is indexed
// (migration 20261206080000_pull_and_review, "Upload_pullKey_idx"): write lookups with this function, so the
// planner can use it — e.g. `WHERE ${pullKey('"pullTaskId"')} = ${pullKey("$1")} AND "pullTaskId" IS NOT NULL`.
export const pullKey = (expr: string): string => `substring(${expr} from strpos(${expr}, 'Pull-'))`;
