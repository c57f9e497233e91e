#!/usr/bin/env bash
# Installs what gridwatch needs, idempotently: Debian packages (ffmpeg, test servers, chromium) and npm packages.
# Sourced by scripts/demo.sh and scripts/test.sh. Set GRIDWATCH_SKIP_APT=1 to skip the Debian part.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNTIME_PKGS=(ffmpeg fonts-noto-cjk)
TEST_PKGS=(mosquitto victoria-metrics chromium poppler-utils docker-compose postgresql python3-gi
  gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly gstreamer1.0-libav)

apt_install() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "${GRIDWATCH_SKIP_APT:-0}" != 1 ]; then
  apt_install "${RUNTIME_PKGS[@]}"
  [ "${1:-}" = test ] && apt_install "${TEST_PKGS[@]}"
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The dashboard UI (dashboard/web/dist, git-ignored): Vite builds it only when missing or older than its sources.
node --import tsx dashboard/web-build.ts
export ORT_DISABLE_TELEMETRY=1
