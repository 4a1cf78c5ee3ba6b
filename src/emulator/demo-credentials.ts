// The key pair the emulator accepts when nobody configured one (the CLI falls back to it when
// TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY are unset). Public on purpose: it only opens a local emulator.
export const EMULATOR_DEMO_CREDENTIALS = Object.freeze({
  secretId: "AKIDvodEmulatorDemo00000000000000000",
  secretKey: "vodEmulatorDemoSecretKey00000000",
});
