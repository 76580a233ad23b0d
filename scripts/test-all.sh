#!/usr/bin/env bash
# `npm test`: the whole suite, with every set-up step it needs (docs/development.md):
# Prisma client generation, moto (pip) and Chromium (apt) when missing, a production build,
# then lint, type check, unit, integration (real PostgreSQL + moto), API fuzzing and end-to-end tests.
# Servers the tests start (embedded PostgreSQL, moto, Next.js) are stopped by their own harnesses.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Prisma client"
node scripts/prisma-generate.mjs

step "Test prerequisites (moto, schemathesis, Chromium)"
bash scripts/ensure-test-tools.sh

step "Lint and format"
npx eslint --max-warnings 0 .
npx prettier --check .

step "Type check"
npx tsc --noEmit

step "Unit tests"
npx vitest run --project unit

step "Integration tests (PostgreSQL + moto)"
npx vitest run --project integration

step "Production build"
npx next build

step "API fuzzing (schemathesis, every role, against the production build)"
bash scripts/fuzz-api.sh

step "End-to-end tests (Chromium)"
npx playwright test

echo
echo "All test stages passed."
