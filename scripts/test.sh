#!/usr/bin/env bash
# npm test: install what is missing (dependencies, and Debian's Chromium where it can), make
# sure PostgreSQL and Redis run, then typecheck, lint, format check, vitest (unit, then integration against
# real PostgreSQL and Redis, the files that call hot routes once more through the hot lane), Playwright and a
# bounded fuzz run against a production build.
# The run uses its own database and Redis prefix, dropped at the end, so it never disturbs the
# demo's data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

ensure_installed
ensure_services
ensure_chromium

run_id="t$(date +%s)$$"
export DATABASE_URL="postgresql://postgres:postgres@127.0.0.1:5432/lottery_${run_id}"
export REDIS_PREFIX="$run_id"
# vitest runs silent (vitest.config.ts); servers under Playwright log warnings to stderr.
export NEXT_DIST_DIR=.next-test
export E2E_PORT="${E2E_PORT:-3100}"
export AUTH_SECRET="test-secret-${run_id}-0123456789abcdef0123"
# One fairness key for every process of the run (vitest, the seed, the e2e server and workers): a
# seed encrypted by one must decrypt in the others.
export FAIRNESS_KEY="$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")"
# The webhook receivers of the tests and the e2e specs listen on 127.0.0.1.
export WEBHOOK_ALLOW_PRIVATE=1
cleanup() { npx --no-install tsx scripts/drop-test-run.ts >/dev/null 2>&1 || true; }
trap cleanup EXIT

started=$(date +%s)
say "typecheck";            npx --no-install tsc --noEmit
say "lint";                 npx --no-install eslint . --max-warnings 0
say "format";               npx --no-install prettier --check . --log-level warn
say "migrate the test database"; npx --no-install tsx scripts/migrate.ts
say "vitest: unit";         npx --no-install vitest run --project unit
say "vitest: integration";  npx --no-install vitest run --project integration --project integration-lane --project faults
say "seed and build for e2e"
npx --no-install tsx prisma/seed.ts >/dev/null
npm run --silent build > .next-test-build.log 2>&1 || { tail -n 60 .next-test-build.log; exit 1; }
say "playwright";           npx --no-install playwright test
# Hostile requests against every route and server action of the same build (tests/fuzz/); the
# fixed seed keeps CI stable, `npm run fuzz -- --runs N` runs longer with a random one.
say "fuzz (bounded)";       npx --no-install tsx scripts/fuzz.ts --runs 1000 --seed 1 --budget-seconds 50 --shrink-seconds 5 --brief
say "all green in $(( $(date +%s) - started )) s"
