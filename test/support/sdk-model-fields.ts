// The member names of one interface of the installed VOD SDK's models (tencentcloud-sdk-nodejs-vod, vod_models.d.ts),
// read from the declaration file at run time, so a test can check an emulated payload against the SDK's own field
// names instead of a list copied by hand.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

let source: string | undefined;

export function sdkModelFields(model: string): string[] {
  source ??= readFileSync(
    createRequire(import.meta.url).resolve(
      "tencentcloud-sdk-nodejs-vod/tencentcloud/services/vod/v20180717/vod_models.d.ts",
    ),
    "utf8",
  );
  const start = source.indexOf(`export interface ${model} {`);
  if (start < 0) throw new Error(`no interface ${model} in the SDK models`);
  const body = source.slice(start, source.indexOf("\n}", start));
  return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((match) => match[1]!);
}
