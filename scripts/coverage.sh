#!/usr/bin/env bash
# Line coverage of the kiosk's own code (kiosk/ and platform/) by the test suite: builds the "coverage" preset
# (gcc --coverage, build-coverage/), runs every test, then gcovr prints the figure. Arguments go to ctest
# (e.g. -L places). The file-by-file table is in build-coverage/coverage.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
build=build-coverage
# Without ccache: a ccache base_dir makes the objects' source paths relative, and gcovr cannot find them.
export CCACHE_DISABLE=1
cmake --preset coverage >/dev/null
cmake --build "$build" -j"$(nproc)"
find "$build" -name '*.gcda' -delete
ctest --test-dir "$build" -j"$(nproc)" --timeout 900 "$@" >"$build/coverage-ctest.log" 2>&1 ||
  echo "coverage: some tests failed (see $build/coverage-ctest.log); the figure counts what ran"
tail -1 "$build/coverage-ctest.log"
# Benchmarks, tools and fuzz targets are not what the tests are meant to cover.
# Tests run in parallel and threads share counters: a counter may come out negative in gcov's text, which
# gcovr would refuse (the preset builds with -fprofile-update=atomic; the option below covers older objects).
gcovr -r . --object-directory "$build" -j"$(nproc)" --gcov-ignore-parse-errors --filter 'kiosk/' --filter 'platform/' \
  --exclude '.*/bench/.*' --exclude '.*/tools/.*' --exclude '.*/fuzz/.*' \
  --txt "$build/coverage.txt" --json-summary "$build/coverage.json" >/dev/null
python3 - "$build/coverage.json" <<'PY'
import json, sys
files = json.load(open(sys.argv[1]))["files"]
groups = {}
for f in files:
    parts = f["filename"].split("/")
    key = "/".join(parts[:2]) + "/" if parts[0] == "kiosk" else parts[0] + "/"
    for k in (key, "total"):
        c, t = groups.get(k, (0, 0))
        groups[k] = (c + f["line_covered"], t + f["line_total"])
for k in sorted(groups, key=lambda k: (k == "total", k)):
    c, t = groups[k]
    print(f"coverage: {k:<13} {100.0 * c / max(t, 1):5.1f}% of lines ({c} of {t})")
PY
