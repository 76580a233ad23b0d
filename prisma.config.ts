// Prisma CLI configuration (Prisma 7). Only `prisma generate` is run by the project's scripts;
// migrations are applied by lib/db/migrate.ts so that a fresh clone works offline.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/trailwarden" },
});
