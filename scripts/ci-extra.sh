#!/usr/bin/env bash
# What CI checks beyond the gcc build and its tests (scripts/test.sh calls this before its final ctest):
#  1. the whole tree built with clang-14, warnings as errors (preset "clang", in build-clang/);
#  2. each libFuzzer target run for 30 s (scripts/fuzz.sh; KIOSK_FUZZ_SECONDS changes it);
#  0. first, that every C++ file is formatted as .clang-format says (clang-format-14).
# Runs both even when the first fails; prints what each took. KIOSK_SKIP_EXTRA=1 skips them (a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${KIOSK_SKIP_EXTRA:-0}" = 1 ]; then
  echo "ci-extra: skipped (KIOSK_SKIP_EXTRA=1)"
  exit 0
fi
status=0
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp' '*.h')
if clang-format --dry-run --Werror "${sources[@]}" >/tmp/kiosk-format.log 2>&1; then
  echo "ci-extra: clang-format: ${#sources[@]} files formatted"
else
  head -20 /tmp/kiosk-format.log
  echo "ci-extra: clang-format: FAILED (run: clang-format -i \$(git ls-files '*.cpp' '*.hpp' '*.h'))"
  status=1
fi
start=$SECONDS
cmake --preset clang >/dev/null
if cmake --build build-clang -j"$(nproc)" >build-clang/build.log 2>&1; then
  echo "ci-extra: clang-14 -Werror build: ok ($((SECONDS - start)) s)"
else
  grep -E -A3 'error:|Error ' build-clang/build.log | head -40 || true
  echo "ci-extra: clang-14 -Werror build: FAILED ($((SECONDS - start)) s, log: build-clang/build.log)"
  status=1
fi
start=$SECONDS
./scripts/fuzz.sh "${KIOSK_FUZZ_SECONDS:-30}" || status=1
echo "ci-extra: fuzzing: $((SECONDS - start)) s"
exit "$status"
