#!/usr/bin/env bash
# Builds every libFuzzer target (preset "fuzz": clang-14, ASan + UBSan, in build-fuzz/) and runs each for N
# seconds (default 30), two at a time on a 2-core machine. Fails when any target crashes, leaks, hangs or runs
# out of memory: the input that did it is kept in build-fuzz/fuzz-artifacts/<target>/ and the sanitizer's
# report in build-fuzz/fuzz-logs/<target>.log.
#   scripts/fuzz.sh                  # CI: 30 s a target
#   scripts/fuzz.sh 14400            # a long run: 4 hours a target (FUZZ_PARALLEL=1 to leave a core free)
#   scripts/fuzz.sh 60 fuzz_po       # one target
# New interesting inputs accumulate in build-fuzz/fuzz-corpus/<target>/ (kept between runs); the committed
# seeds (fuzz/corpus/<target>/) and the inputs that once crashed (fuzz/crashes/<target>/) are replayed first.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
parallel="${FUZZ_PARALLEL:-$(nproc)}"
build=build-fuzz

[ -f "$build/CMakeCache.txt" ] || cmake --preset fuzz >/dev/null
if [ "$#" -gt 0 ]; then targets=("$@"); else
  mapfile -t targets < <(sed -n 's/^kiosk_fuzz(\(fuzz_[a-z0-9_]*\) .*/\1/p' fuzz/CMakeLists.txt)
fi
echo "fuzz: building ${#targets[@]} targets in $build"
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >"$build/fuzz-build.log" 2>&1 || {
  tail -40 "$build/fuzz-build.log"; echo "fuzz: the build failed (see $build/fuzz-build.log)"; exit 1; }

mkdir -p "$build/fuzz-logs"
run_one() {
  local t="$1" bin="$build/fuzz/$1"
  local work="$build/fuzz-corpus/$t" art="$build/fuzz-artifacts/$t/" log="$build/fuzz-logs/$t.log"
  mkdir -p "$work" "$art"
  local dirs=("$work" "fuzz/corpus/$t")
  [ -d "fuzz/crashes/$t" ] && dirs+=("fuzz/crashes/$t")
  local dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=("-dict=fuzz/dict/$t.dict")
  # -timeout: one input taking longer is a hang; the outer timeout guards against a stuck process.
  if timeout --signal=KILL $((seconds + 300)) "$bin" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$art" "${dict[@]}" "${dirs[@]}" >"$log" 2>&1; then
    local runs
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "fuzz: $t: ${runs:-?} runs in ${seconds} s, no crash"
  else
    echo "fuzz: $t: FAILED (log: $log, input: $(ls -t "$art" 2>/dev/null | head -1 | sed "s|^|$art|"))"
    grep -m3 -E 'ERROR: |runtime error|SUMMARY|Test unit written' "$log" | sed 's/^/    /' || true
    return 1
  fi
}

failed=0
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then
    wait -n || failed=$((failed + 1))
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=$((failed + 1))
  running=$((running - 1))
done
if [ "$failed" -gt 0 ]; then
  echo "fuzz: $failed of ${#targets[@]} targets failed"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds} s each, no crash"
