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

# Playwright drives the system's Chromium (Playwright's own download cannot work here):
# CHROMIUM_PATH if set, else `chromium` on the PATH, exported as CHROMIUM_PATH for
# playwright.config.ts. Missing, it is installed from Debian's archive when this runs as root
# with apt-get (as on CI); otherwise one line says what to run.
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] && return 0
    echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable:" \
      "point it at Chromium, or unset it to use chromium from the PATH" >&2
    return 1
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      echo "Chromium is missing for the browser tests: run 'sudo apt-get install chromium' (Debian, Ubuntu)" \
        "and npm test again, or set CHROMIUM_PATH to a Chromium binary" >&2
      return 1
    fi
    say "installing Debian's chromium for Playwright"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
      || ! command -v chromium >/dev/null 2>&1; then
      echo "Chromium is missing and 'apt-get install chromium' failed:" \
        "run it to see why, or set CHROMIUM_PATH to a Chromium binary" >&2
      return 1
    fi
  fi
  CHROMIUM_PATH=$(command -v chromium)
  export CHROMIUM_PATH
}
