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
flaky=()
[ "$extra" -eq 0 ] || failed+=("ci-extra.sh")
# One whole run of the suite, under the given environment ("$@" after the run's name). A test that fails is run
# once more, alone (no other test beside it): if it passes then, it is reported as FLAKY by name at the end (the
# run is not failed for it); if it fails again, the run fails. Either way its output stays in the log above.
logs=$(mktemp -d)
run_suite() {
  local name=$1
  shift
  if "$@" ctest --output-on-failure -j"$(nproc)" --timeout 600 "${ctest_args[@]}" 2>&1 | tee "$logs/run.log"; then
    return 0
  fi
  local names
  names=$(sed 's/^[0-9]*://' Testing/Temporary/LastTestsFailed.log 2>/dev/null | paste -sd ';' || true)
  echo
  echo "test.sh: at $name, failed: $names; each is run again alone"
  grep -E -B2 -A12 'FAILED:|with expansion|\*\*\*' "$logs/run.log" | head -80 > "$logs/first-$(echo "$name" | tr -c 'A-Za-z0-9' _)" || true
  if "$@" ctest --output-on-failure -j1 --timeout 600 --rerun-failed "${ctest_args[@]}"; then
    flaky+=("$name: $names")
  else
    failed+=("$name: $(sed 's/^[0-9]*://' Testing/Temporary/LastTestsFailed.log 2>/dev/null | paste -sd ';' || true)")
  fi
}
ctest_args=("$@")
run_suite "the machine's date" env
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
    run_suite "$date" env LD_PRELOAD="$libfaketime" FAKETIME="@$date" FAKETIME_DONT_FAKE_MONOTONIC=1
  done
fi
if [ ${#flaky[@]} -gt 0 ] || [ ${#failed[@]} -gt 0 ]; then
  echo
  for f in "$logs"/first-*; do [ -f "$f" ] && { echo "test.sh: first failure, $(basename "$f"):"; cat "$f"; }; done
fi
for f in "${flaky[@]}"; do echo "test.sh: FLAKY (failed in the whole run, passed alone): $f"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo
  for f in "${failed[@]}"; do echo "test.sh: FAILED: $f"; done
  exit 1
fi
