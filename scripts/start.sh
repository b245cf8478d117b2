#!/usr/bin/env bash
# npm start: the production web server as `npm run build` compiled it (scripts/build-server.ts);
# takes server.ts's -p and -H. --heap-growing-percent=50: V8 collects the old generation once it has
# grown by half, not by up to four times; under a crowd that keeps a web process about 100 MB
# smaller for a little more time in GC (docs/memory.md). Every launcher of server.mjs passes it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .server-build/server.mjs ]; then
  echo "npm start: no compiled server in .server-build/: run npm run build first" >&2
  exit 1
fi
exec node --heap-growing-percent=50 .server-build/server.mjs "$@"
