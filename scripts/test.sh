#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test; ends with CTest's summary.
# The suite runs at the machine's date, then again with the machine's date moved far away (libfaketime, the
# wall clock only): tests pin their dates, so nothing may depend on the day CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=ON
cmake --build build -j"$(nproc)"
extra=0
./scripts/ci-extra.sh || extra=$?  # clang -Werror build, 30 s of each fuzz target; its failure fails the run
cd build
failed=()
[ "$extra" -eq 0 ] || failed+=("ci-extra.sh")
ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@" || failed+=("the machine's date")
if ! command -v faketime >/dev/null; then
  echo "test.sh: faketime is missing (Debian package faketime): the runs at other dates cannot be made" >&2
  exit 1
fi
for date in "2027-02-15 10:00:00" "2028-02-29 10:00:00" "2031-07-14 10:00:00"; do
  echo
  echo "== the whole suite again, the machine's date at $date (faketime)${failed:+; failed so far: ${failed[*]}}"
  FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$date" ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@" ||
    failed+=("$date")
done
[ ${#failed[@]} -eq 0 ]
