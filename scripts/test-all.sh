#!/usr/bin/env bash
# `npm test`: the whole suite, with every set-up step it needs (docs/development.md):
# a Node.js 22.12+ runtime (the system's, else Node 24 from the npm registry, bin/node-runtime.mjs),
# Prisma client generation, moto (pip) and Chromium (apt) when missing, a production build,
# then lint, type check, unit, integration (real PostgreSQL + moto), API fuzzing and end-to-end tests,
# and a summary of what each stage counted. Servers the tests start (embedded PostgreSQL, moto,
# Next.js) are stopped by their own harnesses.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$SECONDS

step "Node.js runtime"
# Every later command (npx, vitest, next, playwright's web servers, tsx) finds this node first in PATH.
node_dir="$(node bin/node-runtime.mjs)"
export PATH="$node_dir:$PATH"
echo "npm test runs on Node.js $(node --version) ($(command -v node))"

# Each stage's output is shown and kept here; the summary quotes the runners' own closing lines.
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/trailwarden-test-XXXXXX")"
trap 'rm -rf "$LOGS"' EXIT
SUMMARY=()
PASSED=0
SKIPPED=0
stage() {
  local key="$1"
  shift
  "$@" 2>&1 | tee "$LOGS/$key.log"
}
plain() { sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$LOGS/$1.log"; }
ran_no_test() {
  printf '\n\033[1;31m%s ran no test: the runner output above has no passed test.\033[0m\n' "$1" >&2
  exit 1
}
count() {
  local n
  n="$(grep -oE "[0-9]+ $1" <<<"$2" | awk 'NR == 1 { print $1 }' || true)"
  echo "${n:-0}"
}
took() { printf '%dm%02ds' $((($SECONDS - $1) / 60)) $((($SECONDS - $1) % 60)); }

# Vitest closes with "Test Files  48 passed (48)" and "Tests  467 passed | 2 skipped (469)".
vitest_stage() {
  local name="$1" project="$2" t0=$SECONDS
  stage "$project" npx vitest run --project "$project"
  local files tests
  files="$(plain "$project" | grep -E '^ *Test Files ' | tail -1 | sed -E 's/^ *Test Files +//; s/ +/ /g' || true)"
  tests="$(plain "$project" | grep -E '^ *Tests ' | tail -1 | sed -E 's/^ *Tests +//; s/ +/ /g' || true)"
  [ "$(count passed "$tests")" -gt 0 ] || ran_no_test "$name"
  # Vitest can exit 0 with failed tests (a dependency's exit hook ends the process with code 0 on
  # beforeExit), so its own closing lines decide.
  if [ "$(count failed "$tests")" -gt 0 ] || [ "$(count failed "$files")" -gt 0 ] ||
    plain "$project" | grep -qE '^ *Errors +[0-9]+ error'; then
    printf '\n\033[1;31m%s failed: Test Files %s, Tests %s\033[0m\n' "$name" "$files" "$tests" >&2
    exit 1
  fi
  PASSED=$((PASSED + $(count passed "$tests")))
  SKIPPED=$((SKIPPED + $(count skipped "$tests")))
  SUMMARY+=("$name: Test Files $files, Tests $tests ($(took "$t0"))")
}

step "Prisma client"
node scripts/prisma-generate.mjs

step "Test prerequisites (moto, schemathesis, Chromium)"
bash scripts/ensure-test-tools.sh

step "Lint and format"
t0=$SECONDS
npx eslint --max-warnings 0 .
npx prettier --check .
SUMMARY+=("Lint and format: ESLint no problems, Prettier clean ($(took "$t0"))")

step "Type check"
t0=$SECONDS
npx tsc --noEmit
SUMMARY+=("Type check: tsc no errors ($(took "$t0"))")

step "Unit tests"
vitest_stage "Unit tests" unit

step "Integration tests (PostgreSQL + moto)"
vitest_stage "Integration tests" integration

step "Production build"
t0=$SECONDS
npx next build
SUMMARY+=("Production build: next build done ($(took "$t0"))")

step "API fuzzing (schemathesis, every role, against the production build)"
t0=$SECONDS
stage fuzz bash scripts/fuzz-api.sh
# scripts/fuzz-api.sh prints schemathesis's count per role: "Fuzzed as admin: 1234 generated, 1234 passed".
fuzz="$(plain fuzz | grep -E '^Fuzzed as [a-z]+: ' || true)"
roles="$(grep -c . <<<"$fuzz" || true)"
[ "$roles" -gt 0 ] || ran_no_test "API fuzzing"
if grep -vqE ': [1-9][0-9]* generated' <<<"$fuzz"; then ran_no_test "API fuzzing ($(grep -vE ': [1-9][0-9]* generated' <<<"$fuzz" | head -1))"; fi
per_role="$(sed -E 's/^Fuzzed as ([a-z]+): /\1 /' <<<"$fuzz" | paste -sd ';' - | sed 's/;/; /g' || true)"
SUMMARY+=("API fuzzing: test cases per role: $per_role; $roles roles ($(took "$t0"))")

step "End-to-end tests (Chromium)"
t0=$SECONDS
# The demo and the empty instance Playwright starts write their logs to test-results/e2e-server-*.log
# (playwright.config.ts): shown here only when the stage fails.
if ! stage e2e npx playwright test; then
  for log in test-results/e2e-server-*.log; do
    [ -f "$log" ] || continue
    printf '\n\033[1m-- last 80 lines of %s\033[0m\n' "$log"
    tail -n 80 "$log"
  done
  exit 1
fi
# Playwright's list reporter closes with lines such as "  1 flaky", "  2 skipped", "  23 passed (3.1m)".
e2e="$(plain e2e | grep -E '^ +[0-9]+ (passed|failed|flaky|skipped|did not run|interrupted)' | sed -E 's/^ +//' | paste -sd, - | sed 's/,/, /g' || true)"
[ "$(count passed "$e2e")" -gt 0 ] || ran_no_test "End-to-end"
PASSED=$((PASSED + $(count passed "$e2e") + $(count flaky "$e2e")))
SKIPPED=$((SKIPPED + $(count skipped "$e2e")))
SUMMARY+=("End-to-end: $e2e ($(took "$t0"))")

step "Summary: Node.js $(node --version), $(took "$started") in all"
printf '%s\n' "${SUMMARY[@]}"
echo "All test stages passed."
if [ "$SKIPPED" -gt 0 ]; then echo "Total: $PASSED passed, 0 failed, $SKIPPED skipped"; else echo "Total: $PASSED passed, 0 failed"; fi
