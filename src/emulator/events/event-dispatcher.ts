// Routes each event VOD would raise: switches first (NewFileUpload and FileDeleted only when their switch is ON;
// ProcedureStateChanged, PullComplete and ReviewAudioVideoComplete always: ModifyEventConfig has no switch for
// them — vod-reference §5, SDK ModifyEventConfigRequest), then by Mode: PULL queues the v3 event for
// PullEvents, PUSH posts it to NotificationUrl in the configured format. Every decision is logged in state.events.
import { randomUUID } from "node:crypto";
import { eventConfigOf, queueOf, type EmulatorState } from "../emulator-state.js";
import { isoSeconds } from "./iso-seconds.js";
import { deliverByPush } from "./push-delivery.js";

export interface VodEventDraft {
  subAppId: number;
  eventType: "NewFileUpload" | "ProcedureStateChanged" | "FileDeleted" | "PullComplete" | "ReviewAudioVideoComplete";
  v3: Record<string, unknown>;
  legacy: Record<string, unknown>;
}

export interface EventDispatcher {
  emit(draft: VodEventDraft): void;
}

export function createEventDispatcher(state: EmulatorState, log: (line: string) => void): EventDispatcher {
  return {
    emit(draft) {
      const { subAppId, eventType } = draft;
      const config = eventConfigOf(state, subAppId);
      const switchedOff =
        (eventType === "NewFileUpload" && config.uploadMediaCompleteEventSwitch !== "ON") ||
        (eventType === "FileDeleted" && config.deleteMediaCompleteEventSwitch !== "ON");
      const route = switchedOff ? "suppressed" : config.mode === "PULL" ? "pull" : "push";
      const legacy = route === "push" && state.settings.eventFormat === "legacy";
      const body = legacy ? draft.legacy : draft.v3;
      const id = randomUUID();
      state.events.push({ id, subAppId, eventType, route, at: isoSeconds(Date.now()), body });
      log(`event ${eventType} (subApp ${subAppId}) → ${route}`);

      if (route === "pull") queueOf(state, subAppId).enqueue(draft.v3);
      if (route !== "push") return;
      // Legacy callbacks were never signed (vod-reference §3.1), so Sign/T only travel with v3 bodies.
      const signKey = legacy ? "" : config.signKey;
      deliverByPush(state, { eventId: id, eventType, url: config.notificationUrl, body, signKey }, log);
    },
  };
}
