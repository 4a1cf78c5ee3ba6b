// The catalog of notification types (issue 16): one per status an app can see, plus readiness and a review verdict.
// endpoint.test is what POST /admin/endpoints/:id/test sends; an endpoint subscribed to "every type" gets it too.
export const notifyEventTypes = [
  "upload.uploaded",
  "upload.processing",
  "upload.processed",
  "upload.failed",
  "upload.deleted",
  "upload.playable",
  "upload.review_completed",
  "endpoint.test",
] as const;

export type NotifyEventType = (typeof notifyEventTypes)[number];
