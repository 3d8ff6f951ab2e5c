#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test; ends with CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=ON
cmake --build build -j"$(nproc)"
extra=0
./scripts/ci-extra.sh || extra=$?  # clang -Werror build, 30 s of each fuzz target; its failure fails the run
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@" && exit "$extra"
