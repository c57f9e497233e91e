#!/usr/bin/env bash
# Install what is needed (incl. test servers: mosquitto, victoria-metrics, GStreamer RTSP, chromium) and run every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh test
npx tsc --noEmit                      # server code: Node types, no DOM
npx tsc --noEmit -p dashboard/web     # browser UI and its tests: with the DOM
echo "typecheck: ok"
node --import tsx scripts/audit.ts           # npm audit of production dependencies (audit-allowlist.json)
npm run lint                          # biome ci, zero warnings (biome.jsonc); line length: kernel/lines.test.ts
echo "biome: ok"
docker-compose --env-file deploy/env.example -f docker-compose.yml config --quiet
docker-compose --env-file deploy/env.example -f deploy/cluster/docker-compose.yml config --quiet
echo "docker-compose.yml, deploy/cluster/docker-compose.yml: ok"
npx vitest run "$@"
# the attack suite (attack/README.md): a real gridwatch per file, bounded; only on a full run (no arguments)
if [ "$#" -eq 0 ]; then timeout 600 npm run attack; fi
