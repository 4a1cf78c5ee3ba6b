// ESM + @swc/jest: fast, no type-check (npm test runs `tsc --noEmit` first). PGlite's own dynamic imports need
// NODE_OPTIONS=--experimental-vm-modules, which the npm scripts set.
// `npm test` needs Node and npm only: the browser tests (`npm run test:browser`, jest.browser.config.js) need
// Chromium and the reliability suite (`npm run test:reliability`) is slow, so each has its own command.
/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/", "<rootDir>/test/reliability/"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "es6" },
        sourceMaps: "inline",
      },
    ],
  },
  // The network guard: tests reach loopback only. The reliability and browser configs spread this one.
  setupFiles: ["<rootDir>/test/support/jest-setup.ts"],
  testTimeout: 30000,
};
