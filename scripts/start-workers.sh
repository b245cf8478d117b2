#!/usr/bin/env bash
# npm run start:workers: the workers as `npm run build` compiled them (scripts/build-server.ts), for
# production; `npm run workers` runs them from source through tsx, for development.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .server-build/workers.mjs ]; then
  echo "npm run start:workers: no compiled workers in .server-build/: run npm run build first" >&2
  exit 1
fi
exec node .server-build/workers.mjs "$@"
