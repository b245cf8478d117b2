#!/usr/bin/env bash
# npm run demo: install, check services, migrate, seed, build, start web and workers, print
# the URLs and logins. Safe to run again: it rebuilds only when sources changed and restarts
# the demo's own processes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

ensure_installed

# A stable local secret for console sessions, kept out of git.
if [ ! -f .env ] || ! grep -q '^AUTH_SECRET=' .env; then
  echo "AUTH_SECRET=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")" >> .env
fi

ensure_services
say "migrating the database"
npx --no-install tsx scripts/migrate.ts
say "seeding demo data"
seed_out=$(npx --no-install tsx prisma/seed.ts)

mkdir -p .demo
stamp=.next/BUILD_ID
sources="app components lib workers generated public next.config.js package.json server.ts hot-routes.ts"
# shellcheck disable=SC2086 # the list of sources splits into find's arguments
if [ ! -f "$stamp" ] || [ ! -f .server-build/server.mjs ] || [ ! -f .server-build/workers.mjs ] ||
  [ -n "$(find $sources -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
  say "building the web app (a minute or two)"
  npm run --silent build > .demo/build.log 2>&1 || { tail -n 40 .demo/build.log; echo "build failed: see .demo/build.log" >&2; exit 1; }
fi

bash scripts/demo-stop.sh >/dev/null

PORT="${PORT:-3000}"
export PORT
# The play page's demo user picker (lib/config.ts); never on unless a demo asks for it.
export DEMO_USER_PICKER=1
# The demo's webhook receivers run on this machine: let deliveries reach loopback and private addresses.
export WEBHOOK_ALLOW_PRIVATE=1
play_id=$(echo "$seed_out" | sed -n 's/^live activity in demo: .*(\([0-9a-f-]*\))$/\1/p' | head -n 1)
say "starting web on port $PORT and the workers"
# Each in its own process group, so demo:stop ends the whole tree. The web is server.ts, compiled (Next
# behind the play page's cache); -H so an exported HOSTNAME (Docker sets one) cannot narrow it. The
# workers are compiled too (npm run start:workers), as production runs them. The node flag as in
# scripts/start.sh.
setsid node --heap-growing-percent=50 .server-build/server.mjs -p "$PORT" -H 0.0.0.0 > .demo/web.log 2>&1 < /dev/null &
echo $! > .demo/web.pid
setsid node .server-build/workers.mjs > .demo/workers.log 2>&1 < /dev/null &
echo $! > .demo/workers.pid

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.5
done
if [ -z "${ready:-}" ]; then
  echo "the demo did not become healthy; last lines of .demo/web.log and .demo/workers.log:" >&2
  tail -n 20 .demo/web.log .demo/workers.log >&2
  curl -sS "http://127.0.0.1:$PORT/api/health" >&2 || true
  exit 1
fi

cat <<MSG

  Lottery platform demo is running.

  Console:      http://localhost:$PORT/signin
  Play (H5):    http://localhost:$PORT/play/${play_id}   (pick a demo user, or add #token=<user token>)
  Health:       http://localhost:$PORT/api/health
  OpenAPI:      http://localhost:$PORT/api/v1/openapi.json
$(echo "$seed_out" | sed 's/^/  /')

  Logs:         .demo/web.log, .demo/workers.log
  Mail:         not sent (no mail server): password reset links are logged to .demo/web.log and kept in
                the "MailOutbox" table (docs/operators.md)
  Stop:         npm run demo:stop
  API key:      npm run -s apikey -- --tenant demo
  User token:   npm run -s token -- --tenant demo --user alice

MSG
