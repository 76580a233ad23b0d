#!/usr/bin/env bash
# Authors a new migration from the difference between the schema at the last commit that touched
# prisma/migrations and the working schema, using Prisma CLI 6.19's WebAssembly schema engine
# (Prisma 7's CLI needs a native engine download; see README "Database and migrations").
# Needs a reachable PostgreSQL in DATABASE_URL (the adapter connects, nothing is changed).
set -euo pipefail
name="${1:?usage: scripts/new-migration.sh NAME}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
last_commit="$(git -C "$root" log -n 1 --format=%H -- prisma/migrations)"
to_p6() {
  sed -e 's/provider     = "prisma-client"/provider = "prisma-client-js"\n  engineType = "client"/' \
    -e '/output       =/d' -e '/moduleFormat/d' \
    -e 's/^  provider = "postgresql"$/  provider = "postgresql"\n  url = env("DATABASE_URL")/'
}
git -C "$root" show "$last_commit:prisma/schema.prisma" | to_p6 > "$work/from.prisma"
to_p6 < "$root/prisma/schema.prisma" > "$work/to.prisma"
cat > "$work/package.json" <<'JSON'
{ "private": true, "type": "module", "dependencies": { "prisma": "6.19.3", "@prisma/adapter-pg": "7.10.1", "pg": "^8.23.1" } }
JSON
cat > "$work/prisma.config.ts" <<'TS'
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "to.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
});
TS
(cd "$work" && npm install --ignore-scripts --no-audit --no-fund >/dev/null)
dir="$root/prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
(cd "$work" && npx prisma migrate diff --from-schema-datamodel from.prisma --to-schema-datamodel to.prisma --script) > "$dir/migration.sql"
echo "Wrote $dir/migration.sql"
