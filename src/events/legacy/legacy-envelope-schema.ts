import { z } from "zod";

// Top level of a 2017-format callback (vod-reference §2.1). `version` is "4.0" in the docs and the number 4 in the
// archived PullEvent example; it identifies nothing we rely on, so any value is accepted.
export const legacyEnvelopeSchema = z.looseObject({
  version: z.unknown(),
  eventType: z.string().min(1),
  data: z.looseObject({}),
});
