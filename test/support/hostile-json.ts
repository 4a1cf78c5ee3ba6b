// fast-check arbitraries of the JSON a hostile or broken sender can put in a VOD callback body. Random JSON alone
// almost never reaches the schemas, so callbackLike builds bodies from the names the schemas read, with values
// of every JSON type, the strings PostgreSQL refuses, and numbers JSON.parse cannot carry exactly.
import fc from "fast-check";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Any UTF-16 code unit, so NUL and lone surrogates of both halves turn up. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Pieces that look like JSON escapes once written out: "\\ud800" as text next to a real lone surrogate. */
const escapeLike = fc.constantFrom(
  "\\",
  "u",
  "ud800",
  "udc00",
  "\\ud83d",
  "\\u0000",
  "\ud800",
  "\udc00",
  "\u0000",
  '"',
  "a",
  "😀",
);

export const oddString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "\ud800",
      "\udc00x",
      "\ude00\ud83d",
      "😀",
      "其他",
      "\u202e\ufeff",
      "__proto__",
      "constructor",
      "toString",
      "-0",
      "1e999",
      "NaN",
      "0x10",
      "9007199254740993",
      "42",
      "FINISH",
      "PROCESSING",
      "FAIL",
      "OriginalFiles",
      "2024-06-10T08:13:31Z",
      "0000-00-00T99:99:99Z",
      "+275760-09-13T00:00:00.001Z",
    ),
  },
  { weight: 3, arbitrary: fc.string({ unit: codeUnit, maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: escapeLike, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  // Long enough to matter to a regular expression or a column, rare enough to keep the run fast.
  { weight: 1, arbitrary: fc.constantFrom(1_000, 100_000).map((length) => "x".repeat(length)) },
);

export const oddNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // 5285890784273533167 is a real FileId sent as a number: JSON.parse has already rounded it.
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, Number("5285890784273533167"), -0, 1e308, 5e-324),
);

const leaf: fc.Arbitrary<Json> = fc.oneof(oddString, oddNumber, fc.boolean(), fc.constant(null));

/** Arrays nested `levels` deep, built without recursion (a recursive builder would overflow first). */
export function nestedArrays(levels: number, inner: Json = null): Json {
  let value: Json = inner;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

/** Arrays around the 1,000-level limit of find-storage-hazard.ts. */
export const nearTheLimit: fc.Arbitrary<Json> = fc
  .constantFrom(999, 1_000, 1_001)
  .map((levels) => nestedArrays(levels, {}));

/** Near the limit, or (rarely: it takes ~50 ms) far past the call stack, where any recursive walk would throw. */
export const deepValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 15, arbitrary: nearTheLimit },
  { weight: 1, arbitrary: fc.constant(20_000).map((levels) => nestedArrays(levels, {})) },
);

/** Plain JSON of every type, with keys and strings from oddString. */
export const hostileJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(oddString, tie("value"), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

// Names the v3 and 2017-format schemas read (vod-reference §1, §2), plus the delivery fields dedupeKey drops.
export const SCHEMA_KEYS = [
  "EventType",
  "eventType",
  "version",
  "data",
  "FileUploadEvent",
  "ProcedureStateChangeEvent",
  "FileDeleteEvent",
  "FileId",
  "fileId",
  "FileIdSet",
  "FileDeleteResultInfo",
  "DeleteParts",
  "Type",
  "Definition",
  "MediaBasicInfo",
  "SourceInfo",
  "SourceContext",
  "Name",
  "CreateTime",
  "MetaData",
  "metaData",
  "VideoStreamSet",
  "Size",
  "Status",
  "status",
  "ErrCode",
  "errCode",
  "ErrCodeExt",
  "FinishTime",
  "finishTime",
  "TaskId",
  "vodTaskId",
  "MediaProcessResultSet",
  "TranscodeTask",
  "processTaskList",
  "fileInfo",
  "SubAppId",
  "subAppId",
  "__proto__",
  "Sign",
  "T",
  "EventHandle",
];
const EVENT_TYPES = ["NewFileUpload", "ProcedureStateChanged", "FileDeleted", "PullComplete"];

export const schemaValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: nearTheLimit },
    { weight: 3, arbitrary: fc.constantFrom(...EVENT_TYPES, "5285890784273533167", "0", "1256768367", "Transcode") },
    { weight: 3, arbitrary: fc.array(tie("value"), { maxLength: 3 }) },
    {
      weight: 5,
      arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...SCHEMA_KEYS), oddString), tie("value"), {
        maxKeys: 4,
        noNullPrototype: true,
      }),
    },
  ),
})).value;

/** An object that names a known event type in either format and fills it with schema-shaped members. */
export const callbackLike: fc.Arbitrary<Record<string, Json>> = fc
  .tuple(
    fc.constantFrom("EventType", "eventType"),
    fc.oneof(fc.constantFrom(...EVENT_TYPES), schemaValue),
    fc.dictionary(fc.constantFrom(...SCHEMA_KEYS), schemaValue, { maxKeys: 5, noNullPrototype: true }),
  )
  // fromEntries defines own properties, as JSON.parse does: a "__proto__" member stays a member.
  .map(([typeKey, type, members]) => Object.fromEntries([...Object.entries(members), [typeKey, type]]));
