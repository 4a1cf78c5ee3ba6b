// eventType PullComplete in the 2017 envelope, in its two documented shapes (test/fixtures/SOURCES.md):
// - the archived 2017 page: data {status (the error code, 0 = success), message, vodTaskId, fileId, fileUrl,
//   transcodeTaskId}; vodTaskId is the pull TaskId without the AppId prefix ("Pull-f5ac…"), so the upload is
//   matched from "Pull-" on (src/db/pull-key-sql.ts); fileId is "" when the pull failed;
// - an earlier version of the current page: the current format's fields (TaskId, ErrCode, FileId, MediaBasicInfo,
//   …) under data, read like the current format (read-pull-complete.ts).
// Which one: PascalCase members under data.
import type { ExactDigits } from "../exact-integers.js";
import { isPlainObject } from "../is-plain-object.js";
import type { Parsed } from "../parse-event.js";
import { readPullComplete } from "../read-pull-complete.js";
import type { VodEvent } from "../vod-event.js";

const CURRENT_STYLE = ["TaskId", "FileId", "ErrCode", "MediaBasicInfo"];

export function normalisePullCompleteLegacy(body: Record<string, unknown>, exact: ExactDigits): Parsed<VodEvent> {
  const data = isPlainObject(body["data"]) ? body["data"] : {};
  const source = { eventType: "PullComplete", format: "legacy" as const, member: "data", body, exact };
  if (CURRENT_STYLE.some((key) => Object.hasOwn(data, key))) return readPullComplete(data, source);
  // The 2017 names, mapped onto PullUploadTask's: the 2017 format has no Status, no media info but the URL.
  return readPullComplete(
    {
      TaskId: data["vodTaskId"],
      ErrCode: data["status"],
      Message: data["message"],
      FileId: data["fileId"],
      FileUrl: data["fileUrl"],
      ProcedureTaskId: data["procedureTaskId"],
      MetaData: { TranscodeTaskId: data["transcodeTaskId"] },
      SubAppId: data["subAppId"] ?? data["SubAppId"],
    },
    source,
  );
}
