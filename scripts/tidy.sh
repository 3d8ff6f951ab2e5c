#!/usr/bin/env bash
# clang-tidy-14 with the project's .clang-tidy on every C++ file of the tree (kiosk/, platform/, tests/,
# fuzz/) that the build compiles; fails on any finding. Needs build/compile_commands.json (scripts/test.sh or
# `cmake -S . -B build` makes it). Arguments: a regular expression of the files to check (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || cmake -S . -B build >/dev/null
filter=${1:-"/(kiosk|platform|tests|fuzz)/"}
log=build/tidy.log
status=0
run-clang-tidy-14 -p build -quiet -j "$(nproc)" "$filter" 2>&1 | sed -E 's/\x1b\[[0-9;]*m//g' >"$log" || status=$?
if [ "$status" -eq 0 ] && ! grep -qE '(warning|error): .*\[[a-z]+-' "$log"; then
  echo "tidy: clean ($(grep -c '"file"' build/compile_commands.json) files in the build, filter $filter)"
else
  grep -E '(warning|error): .*\[[a-z]+-' "$log" | sort -u | head -50
  echo "tidy: $(grep -E '(warning|error): .*\[[a-z]+-' "$log" | sort -u | wc -l) finding(s), see $log"
  exit 1
fi
