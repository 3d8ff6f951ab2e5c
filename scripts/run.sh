#!/usr/bin/env bash
# Installs what is needed, builds, and runs the kiosk on the demo content.
# With a display: full screen. Without one: a scripted tour that writes a PNG of every screen.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)" --target kiosk kiosk-admin
exec ./build/kiosk/app/kiosk --config content/demo/kiosk.toml --data-dir build/var --screenshots build/screenshots "$@"
