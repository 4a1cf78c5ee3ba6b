// ESLint's and typescript-eslint's recommended rules, type-aware, with the two promise rules as errors: a dropped
// promise is an unhandled rejection, or, for Prisma's lazy queries, a write that never runs. Biome was measured
// too and chosen against: its inference misses every un-awaited Prisma call. Formatting is Prettier's (.prettierrc).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["src/db/generated/", "dist/", "data/", "coverage/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      // `_name` marks a value kept out on purpose: Express's four-argument error handler, a rest-sibling omission.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // An async function without await is how a fake implements a promise-returning interface.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Test code reads untyped JSON answers (supertest's body is `any`) and builds hostile inputs on purpose.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // dependency-cruiser sees imports only; a Db handed down could still be queried through (STYLE §16).
    files: ["src/**/*.ts"],
    ignores: ["src/db/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='prisma']",
          message: "Only src/db talks to the database: call a repository function with the Db instead.",
        },
        {
          // Handing the pool to the metrics is wiring; calling it is a query.
          selector: "MemberExpression[object.property.name='pool']",
          message: "Only src/db talks to the database: call a repository function with the Db instead.",
        },
      ],
    },
  },
  { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], languageOptions: { globals: globals.node } },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
  { files: ["src/http/admin-page/assets/*.js"], languageOptions: { globals: globals.browser, sourceType: "module" } },
);
