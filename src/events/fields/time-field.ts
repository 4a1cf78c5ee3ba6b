import { z } from "zod";

// ISO-8601 times (CreateTime, FinishTime). An unreadable time is dropped rather than rejecting the event: losing
// a FINISH over a malformed FinishTime would be worse than ordering it by arrival (DESIGN §3).
export const timeField = z
  .string()
  .nullish()
  .transform((value) => {
    if (!value) return null;
    const time = new Date(value);
    return Number.isNaN(time.getTime()) ? null : time;
  });
