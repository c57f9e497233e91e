#!/usr/bin/env bash
# Install what is needed and start gridwatch on the demo configuration: the demo city (Shenzhen Longgang, OSM streets),
# real camera footage, and the simulated fleet (模拟, mqtt.simulate; see telemetry/sim/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
exec node bin/gridwatch.mjs start "$@"
