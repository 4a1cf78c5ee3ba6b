// Prisma CLI configuration. Prisma 7's CLI downloads its schema engine for every command, which fails offline;
// Prisma 6.19 with the JavaScript schema engine (`engine: "js"`) and the pg driver adapter works without it.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// With no URL at all, `prisma generate` falls back to downloading an engine (DESIGN §11): give it a placeholder.
// `migrate diff` connects through this adapter, so writing a migration needs a reachable PostgreSQL.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
