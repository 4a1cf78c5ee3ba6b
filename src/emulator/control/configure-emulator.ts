// Changes settings of a running emulator (POST /_emulator/config and EmulatorHandle.configure). Validated against
// the settings schema so a typo fails loudly instead of being ignored.
import { emulatorSettingsSchema, type EmulatorSettings } from "../emulator-settings.js";
import type { EmulatorState } from "../emulator-state.js";

export type SettingsPatchResult =
  { ok: true; settings: EmulatorSettings } | { ok: false; issues: Array<{ path: PropertyKey[]; message: string }> };

export function configureEmulator(state: EmulatorState, patch: unknown): SettingsPatchResult {
  const parsed = emulatorSettingsSchema.partial().safeParse(patch ?? {});
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map(({ path, message }) => ({ path, message })) };
  }
  for (const [name, value] of Object.entries(parsed.data)) {
    if (value !== undefined) Object.assign(state.settings, { [name]: value });
  }
  return { ok: true, settings: state.settings };
}
