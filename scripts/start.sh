#!/usr/bin/env bash
# npm start: the production web server as `npm run build` compiled it (scripts/build-server.ts);
# takes server.ts's -p and -H.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .server-build/server.mjs ]; then
  echo "npm start: no compiled server in .server-build/: run npm run build first" >&2
  exit 1
fi
exec node .server-build/server.mjs "$@"
