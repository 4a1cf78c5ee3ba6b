// What an emulated API action gets besides its parameters. `region` is the X-TC-Region header (absent = undefined).
import type { EmulatorState } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";

export interface ActionContext {
  state: EmulatorState;
  events: EventDispatcher;
  region: string | undefined;
  log: (line: string) => void;
}

export type ActionHandler = (
  params: unknown,
  context: ActionContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;
