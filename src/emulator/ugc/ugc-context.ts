// What a client upload action gets besides its JSON body. `host` is the Host header the client reached us by: the
// apply answer hands it back as `domain`, where the mobile SDKs send CommitUploadUGC.
import type { EmulatorState } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";

export interface UgcContext {
  state: EmulatorState;
  events: EventDispatcher;
  host: string;
  log: (line: string) => void;
}

export type UgcAction = (body: Record<string, unknown>, context: UgcContext) => Record<string, unknown>;
