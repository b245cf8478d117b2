# Shared by demo.sh and test.sh. Sourced, not run.
export NEXT_TELEMETRY_DISABLED=1
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs dependencies when node_modules is missing or older than the manifest.
ensure_installed() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "Node.js 20.19+ and npm are needed: install them first (https://nodejs.org)" >&2; exit 1
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ] \
     || { [ -f package-lock.json ] && [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
    say "installing dependencies"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
  fi
  [ -f generated/prisma/client.ts ] || bash scripts/prisma-generate.sh
}

ensure_services() {
  say "checking PostgreSQL and Redis"
  npx --no-install tsx scripts/services.ts
}
