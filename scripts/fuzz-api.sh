#!/usr/bin/env bash
# Property-based API fuzzing (part of `npm test`): starts the production build through
# `trailwarden demo` (fresh database, the simulated organization, demo users), makes an API token
# per role, and runs schemathesis from the OpenAPI document with each one. Fails on any 5xx, any
# response that does not match its documented schema or content type, and any undocumented method
# (TRACE, ...) answered with something other than 405. Bounded: FUZZ_MAX_EXAMPLES cases per
# operation and role (default 25), a few minutes in all. Needs `next build` first and
# scripts/ensure-test-tools.sh (schemathesis in .venv-test-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC

PORT="${TRAILWARDEN_FUZZ_PORT:-3102}"
URL="http://127.0.0.1:${PORT}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-25}"
SCHEMATHESIS="${SCHEMATHESIS:-.venv-test-tools/bin/schemathesis}"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/trailwarden-fuzz-XXXXXX")"
chmod 755 "$DATA_DIR" # as root, the embedded PostgreSQL runs as `postgres` and must reach it
LOG="$DATA_DIR/server.log"
REPORTS="${FUZZ_REPORT_DIR:-test-results/fuzz}"
mkdir -p "$REPORTS"

server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

echo "Starting the demo on $URL (log: $LOG)"
TRAILWARDEN_DATA_DIR="$DATA_DIR/data" TRAILWARDEN_PUBLIC_URL="$URL" TRAILWARDEN_COLLECT_CRON="0 0 1 1 *" \
  TRAILWARDEN_SIGNIN_RATE_LIMIT=1000 TRAILWARDEN_UNAUTHENTICATED_RATE_LIMIT=100000 \
  node bin/trailwarden.mjs demo --port "$PORT" --reset-data >"$LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  if curl -fsS "$URL/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "The demo exited:"; tail -40 "$LOG"; exit 1; fi
  sleep 0.5
done
curl -fsS "$URL/api/health" >/dev/null

# Tokens are made by the demo admin through the API, as an administrator would.
cookie="$(curl -fsS -i -H 'content-type: application/json' -H "origin: $URL" \
  -d '{"email":"admin@trailwarden.local","password":"demo-admin-pass"}' "$URL/api/auth/sign-in/email" |
  tr -d '\r' | sed -n 's/^set-cookie: \(trailwarden.session_token=[^;]*\).*/\1/Ip' | head -1)"
[ -n "$cookie" ] || { echo "Could not sign in as the demo admin"; exit 1; }
token_for() {
  curl -fsS -H 'content-type: application/json' -H "origin: $URL" -H "cookie: $cookie" \
    -d "{\"name\":\"fuzz $1\",\"role\":\"$1\"}" "$URL/api/v1/tokens" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))'
}

status=0
# Methods no route has: 405, never 5xx (Next.js alone answers TRACE with 500).
for method in TRACE CONNECT PROPFIND MKCOL; do
  for path in /api/v1/posture /api/v1/tokens /api/v1/remediations/00000000-0000-4000-8000-000000000000/retry /api/health /matrix; do
    code="$(curl -s -o /dev/null -w '%{http_code}' -X "$method" "$URL$path" || true)"
    if [ "$code" != 405 ]; then echo "$method $path answered $code, expected 405"; status=1; fi
  done
done
[ "$status" -eq 0 ] && echo "Methods no route has (TRACE, CONNECT, PROPFIND, MKCOL) answer 405."
# One worker: with two, hypothesis's lambda descriptions hit CPython 3.11's "AST constructor
# recursion depth mismatch" (ast.parse is not thread-safe there) and report it as a runtime error.
for role in admin engineer auditor viewer; do
  token="$(token_for "$role")"
  echo
  echo "== schemathesis as $role (at most $MAX_EXAMPLES examples per operation)"
  "$SCHEMATHESIS" run "$URL/api/v1/openapi.json" \
    --url "$URL" \
    -H "Authorization: Bearer $token" \
    --checks not_a_server_error,response_schema_conformance,content_type_conformance,unsupported_method \
    --phases examples,coverage,fuzzing \
    --max-examples "$MAX_EXAMPLES" \
    --generation-deterministic \
    --suppress-health-check all \
    --workers 1 \
    --request-timeout 30 \
    --no-color \
    --report junit --report-junit-path "$REPORTS/schemathesis-$role.xml" 2>&1 | tee "$REPORTS/schemathesis-$role.txt" || status=1
  # schemathesis closes with "Test cases:" and "  N generated, N passed": one line per role for npm test's summary.
  cases="$(grep -A1 '^Test cases:' "$REPORTS/schemathesis-$role.txt" | tail -1 | sed -E 's/^ +//' || true)"
  if [[ "$cases" =~ ^[1-9][0-9]*\ generated ]]; then
    echo "Fuzzed as $role: $cases"
  else
    echo "Fuzzed as $role: no test case ran (${cases:-schemathesis printed no summary})"
    status=1
  fi
done
if [ "$status" -ne 0 ]; then
  echo
  echo "Fuzzing found problems (above); the server log's last lines:"
  tail -30 "$LOG"
fi
exit "$status"
