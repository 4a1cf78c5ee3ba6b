import { z } from "zod";

// Top level of a v3 callback (vod-reference §1.1). EventType is an open string: VOD keeps adding types.
export const v3EnvelopeSchema = z.looseObject({
  EventType: z.string().min(1),
});
