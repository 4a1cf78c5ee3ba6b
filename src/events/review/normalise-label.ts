// Review labels in one case. VOD spells the same label differently from one payload to the next: its
// ReviewAudioVideoComplete page sends `"Label": "porn"` on the Output and `"Label": "Porn"` on every segment
// (<https://www.tencentcloud.com/document/product/266/50677>; the Chinese page, 266/81258, now says "Porn" on both),
// the SDK documents ReviewAudioVideo labels capitalised (Porn, Terror, Polity, Ad, Illegal, Abuse, Moan) and the
// AI review labels lower case (porn, sexy, vulgar, guns, violation_photo, …). Lower case is the one spelling that
// maps every one of them without a table, so an unknown label is normalised the same way and never refused.
import { readReviewText } from "./read-review-text.js";

export function normaliseLabel(value: unknown): string | null {
  return readReviewText(value)?.toLowerCase() ?? null;
}
