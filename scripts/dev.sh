#!/usr/bin/env bash
# npm run dev: next dev, with the H5 play page (not a Next page, scripts/build-h5.ts) rebuilt
# whenever one of its sources changes. The page's memo keeps a render for 5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install tsx scripts/build-h5.ts --watch &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
npx --no-install next dev "$@"
