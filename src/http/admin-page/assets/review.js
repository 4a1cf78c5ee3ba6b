// Moderation and pull uploads on the admin page (issue 15): the status API's `review` as a badge with its labels,
// the checks and suspect segments on the card, and `pull` — the URL VOD was asked to fetch and how the pull ended.
// A review never changes the upload's status: the badge sits beside the status badge, and `ready.publishable`
// (outputs.js's ready badges) says whether the moderation lets the upload out.
import { dash, el, hint, link } from "./dom.js";

const REVIEW_TEXT = { pass: "review: pass", review: "to review", block: "blocked", pending: "review pending" };

/** The labels of a review, each with its confidence: "porn 98, sexy 80". */
export const labelsText = (review) =>
  (review?.labels ?? [])
    .map(({ label, confidence }) => (confidence === null ? label : `${label} ${confidence}`))
    .join(", ");

/** A badge for the review's status and, after it, its labels; a dash when no review was asked for. */
export function reviewBadge(review) {
  if (!review) return dash();
  const labels = labelsText(review);
  return el(
    "span",
    { class: "review-summary" },
    el(
      "span",
      { class: `badge review-${review.status}`, "data-review": review.status },
      REVIEW_TEXT[review.status] ?? review.status,
    ),
    labels ? el("span", { class: "review-labels" }, labels) : null,
  );
}

/** The card's moderation part: the verdict, every check and the suspect segments. */
export function reviewSection(review) {
  if (!review) return null;
  const segments = review.segments ?? [];
  return el(
    "div",
    { class: "review", "aria-label": "Moderation" },
    el("h3", {}, "Moderation ", reviewBadge(review)),
    el(
      "p",
      { class: "hint" },
      [
        review.form ? `form ${review.form}` : null,
        review.taskId ? `task ${review.taskId}` : null,
        review.finishedAt ? `finished ${review.finishedAt}` : null,
      ]
        .filter(Boolean)
        .join(" · ") || "Beside the status: the upload's status is not changed by a review.",
    ),
    review.checks?.length
      ? el(
          "div",
          { class: "table-scroll" },
          el(
            "table",
            { class: "review-checks" },
            el(
              "thead",
              {},
              el(
                "tr",
                {},
                ["Check", "Suggestion", "Label", "Confidence", "Form", "Segments"].map((h) => el("th", {}, h)),
              ),
            ),
            el(
              "tbody",
              {},
              review.checks.map((check) =>
                el(
                  "tr",
                  {},
                  el("td", {}, check.type),
                  el(
                    "td",
                    {},
                    el("span", { class: `badge review-${check.verdict}` }, check.suggestion ?? check.verdict),
                  ),
                  el("td", {}, check.label ?? dash()),
                  el("td", { class: "num" }, check.confidence ?? dash()),
                  el("td", {}, check.form ?? dash()),
                  el(
                    "td",
                    { class: "num" },
                    check.segmentsUrl ? link(check.segmentsUrl, String(check.segments)) : check.segments,
                  ),
                ),
              ),
            ),
          ),
        )
      : null,
    segments.length
      ? el(
          "details",
          { class: "metadata" },
          el("summary", {}, `suspect segments (${segments.length})`),
          el(
            "ul",
            { class: "segments" },
            segments.map((segment) =>
              el(
                "li",
                {},
                `${segment.startTimeOffset ?? "?"}–${segment.endTimeOffset ?? "?"} s · ${segment.check} · `,
                `${segment.suggestion ?? ""} ${segment.label ?? ""} ${segment.confidence ?? ""}`.trim(),
                segment.url ? [" · ", link(segment.url, "picture")] : null,
              ),
            ),
          ),
        )
      : null,
    review.segmentsUrl ? el("p", { class: "hint" }, "All segments: ", link(review.segmentsUrl)) : null,
  );
}

/** A short mark for a list row: "pulled", or the pull's error code. */
export function pullChip(pull) {
  if (!pull) return null;
  if (pull.errCode === null) return el("span", { class: "chip", title: pull.sourceUrl ?? pull.taskId ?? "" }, "pulled");
  return el(
    "span",
    { class: "chip pull-error", title: pull.message ?? "" },
    `pull ${pull.errCode}${pull.retryable ? " · retryable" : ""}`,
  );
}

/** The card's pull part: where VOD fetched the file from, its task, and the error when the pull failed. */
export function pullSection(pull) {
  if (!pull) return null;
  return el(
    "div",
    { class: "pull", "aria-label": "Pull upload" },
    el("h3", {}, "Pulled from a URL"),
    el(
      "dl",
      { class: "fields" },
      el("dt", { class: "wide" }, "sourceUrl"),
      el("dd", { class: "wide" }, pull.sourceUrl ? link(pull.sourceUrl) : hint("not started by this service")),
      el("dt", { class: "wide" }, "pull task"),
      el("dd", { class: "wide" }, pull.taskId ?? dash()),
      pull.errCode === null
        ? null
        : [
            el("dt", { class: "wide" }, "pull error"),
            el(
              "dd",
              { class: "wide pull-error" },
              `${pull.errCode}${pull.message ? `: ${pull.message}` : ""} — `,
              pull.retryable ? "retryable: pulling again may work" : "final: pulling this URL again fails the same way",
            ),
          ],
    ),
  );
}
