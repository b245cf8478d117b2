#!/usr/bin/env bash
# npm run dev: Next in development mode behind server.ts (--dev), so the client address is taken
# from the socket and TRUSTED_PROXY_COUNT exactly as in production (lib/http/client-ip.ts), with
# the H5 play page (not a Next page, scripts/build-h5.ts) rebuilt whenever one of its sources
# changes. The page's memo keeps a render for 5 s. Takes server.ts's -p and -H.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install tsx scripts/build-h5.ts --watch &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
node --import tsx server.ts --dev "$@"
