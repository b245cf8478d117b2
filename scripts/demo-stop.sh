#!/usr/bin/env bash
# npm run demo:stop: stops the web server and workers that npm run demo started
# (each runs in its own process group; SIGTERM lets workers finish their current job).
cd "$(dirname "$0")/.."
for f in .demo/web.pid .demo/workers.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -TERM -- "-$pid" 2>/dev/null; then
    for _ in $(seq 1 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    echo "stopped $(basename "$f" .pid)"
  fi
  rm -f "$f"
done
exit 0
