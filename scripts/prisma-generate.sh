#!/usr/bin/env bash
# Generates the Prisma client into generated/prisma. The Prisma CLI insists on a schema-engine
# binary it would download; `generate` never runs it, so any existing file satisfies the check.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
[ -f prisma/schema.prisma ] || exit 0
npx --no-install prisma generate >/dev/null
