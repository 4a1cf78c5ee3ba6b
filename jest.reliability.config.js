// The reliability suite (issue 7): crash, database outage, storms, bad input, security. Slow and heavy (child
// processes, tens of thousands of callbacks), so the default config ignores test/reliability and this one runs
// only that folder, one file at a time (they measure throughput and memory on a small machine). It needs a real
// PostgreSQL server (test/reliability/support/real-postgresql.ts), so `npm test` stays Node-and-npm only.
import base from "./jest.config.js";

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ["<rootDir>/test/reliability"],
  testPathIgnorePatterns: ["/node_modules/"],
  setupFiles: [...base.setupFiles, "<rootDir>/test/reliability/support/real-postgresql.ts"],
  maxWorkers: 1,
  testTimeout: 15 * 60_000,
};
