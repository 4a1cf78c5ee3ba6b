// A JSON view of the emulator's memory for tests and demos (GET /_emulator/state). Object bytes are summarised
// by size and ETag; secrets of temporary certificates are shown because this is a local test tool.
import type { EmulatorState } from "../emulator-state.js";

export function emulatorSnapshot(state: EmulatorState): Record<string, unknown> {
  return {
    appId: state.appId,
    settings: state.settings,
    eventConfigs: Object.fromEntries(state.eventConfigs),
    sessions: [...state.sessions.values()],
    oneTimeSignatures: Object.fromEntries(state.oneTimeSignatures),
    media: [...state.media.values()],
    tasks: [...state.tasks.values()],
    pullTasks: [...state.pullTasks.values()],
    reviewTasks: [...state.reviewTasks.values()],
    reviewVerdicts: Object.fromEntries(state.reviewVerdicts),
    objects: [...state.objects.values()].map(({ bytes, ...object }) => ({ ...object, size: bytes.length })),
    multipartUploads: [...state.multipartUploads.values()].map(({ parts, ...upload }) => ({
      ...upload,
      parts: [...parts].map(([partNumber, part]) => ({ partNumber, etag: part.etag, size: part.bytes.length })),
    })),
    queues: Object.fromEntries([...state.queues].map(([subAppId, queue]) => [subAppId, queue.list()])),
    events: state.events,
    deliveries: state.deliveries,
  };
}
