// The suspect segments of a review that did not pass (SDK ReviewAudioVideoSegmentItem; MediaContentReviewSegmentItem
// has the same leading members), and the URL of the JSON file holding the full list (SegmentSetFileUrl, kept by VOD
// until SegmentSetFileUrlExpireTime). A passing review lists none. Two one-second segments at the start of the file,
// each with its snapshot URL beside the media, as in Tencent's ReviewAudioVideoComplete example
// (https://www.tencentcloud.com/document/product/266/50677).
import type { MediaRecord, ReviewVerdict } from "../emulator-state.js";
import { isoSeconds } from "../events/iso-seconds.js";
import { mediaDirectory } from "../events/media-directory.js";

/** How long VOD keeps the segment file and snapshots: the emulator says one day. */
const KEPT_MS = 24 * 60 * 60 * 1000;

export interface ReviewSegments {
  SegmentSet: Array<Record<string, unknown>>;
  SegmentSetFileUrl: string;
  SegmentSetFileUrlExpireTime: string;
}

export function reviewSegments(media: MediaRecord, verdict: ReviewVerdict, at: number): ReviewSegments {
  if (verdict.suggestion === "pass") return { SegmentSet: [], SegmentSetFileUrl: "", SegmentSetFileUrlExpireTime: "" };
  const dir = `${mediaDirectory(media)}/review`;
  const expires = isoSeconds(at + KEPT_MS);
  return {
    SegmentSet: [0, 1].map((start) => ({
      StartTimeOffset: start,
      EndTimeOffset: start + 1,
      Confidence: verdict.confidence,
      Suggestion: verdict.suggestion,
      Label: verdict.label,
      SubLabel: verdict.label.toLowerCase(),
      Form: verdict.form,
      AreaCoordSet: [],
      Text: "",
      KeywordSet: [],
      Url: `${dir}/segment_${start}.jpg`,
      PicUrlExpireTime: expires,
    })),
    SegmentSetFileUrl: `${dir}/segments.json`,
    SegmentSetFileUrlExpireTime: expires,
  };
}
