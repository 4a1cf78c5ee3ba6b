// The browser tests: the admin page in headless Chromium (Debian's `chromium`, or CHROMIUM_PATH), driven by
// playwright-core. `npm test` ignores test/browser so that it needs Node and npm only; CI installs the browser and
// runs this config with `npm run test:browser`. Without Chromium these tests fail, saying so: they never skip.
import base from "./jest.config.js";

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ["<rootDir>/test/browser"],
  testPathIgnorePatterns: ["/node_modules/"],
  // One Chromium at a time on a small machine.
  maxWorkers: 1,
  testTimeout: 60_000,
};
