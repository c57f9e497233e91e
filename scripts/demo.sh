#!/usr/bin/env bash
# Install what is needed and start gridwatch on the demo configuration (real photos, clip and GPS traces).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
exec node bin/gridwatch.mjs start "$@"
