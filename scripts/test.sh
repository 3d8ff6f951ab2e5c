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
# libfaketime is preloaded directly (FAKETIME="@…": each process starts at that date and its clock runs on)
# rather than through the faketime wrapper, which needs POSIX shared memory (/dev/shm) that some CI sandboxes
# do not give.
libfaketime=$(dpkg -L libfaketime 2>/dev/null | grep -m1 '/libfaketime.so.1$' || true)
if [ -z "$libfaketime" ] || [ ! -f "$libfaketime" ]; then
  echo "test.sh: libfaketime.so.1 is missing (Debian package libfaketime): the runs at other dates cannot be made"
  failed+=("libfaketime missing")
else
  for date in "2027-02-15 10:00:00" "2028-02-29 10:00:00" "2031-07-14 10:00:00"; do
    echo
    echo "== the whole suite again, the machine's date at $date (libfaketime)${failed:+; failed so far: ${failed[*]}}"
    seen=$(LD_PRELOAD="$libfaketime" FAKETIME="@$date" FAKETIME_DONT_FAKE_MONOTONIC=1 date +%F || true)
    if [ "$seen" != "${date%% *}" ]; then
      echo "test.sh: libfaketime did not move the date (date printed \"$seen\")"
      failed+=("$date (libfaketime inactive)")
      continue
    fi
    LD_PRELOAD="$libfaketime" FAKETIME="@$date" FAKETIME_DONT_FAKE_MONOTONIC=1 \
      ctest --output-on-failure -j"$(nproc)" --timeout 600 "$@" || failed+=("$date")
  done
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo
  echo "test.sh: FAILED: ${failed[*]}"
  exit 1
fi
