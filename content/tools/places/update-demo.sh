#!/usr/bin/env bash
# Regenerates content/places/lieux-demo-v1.csv from the national map's npm package. See README.md.
set -euo pipefail
tool=${1:?usage: update-demo.sh <kiosk-content> [version]}
version=${2:-5.22.0}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
tool=$(realpath "$tool")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@gouvfr-anct/cartographie-nationale@$version" >/dev/null && tar xzf ./*.tgz)
sha256sum "$work"/*.tgz "$work/package/assets/data/source.json"
cp "$work/package/assets/data/source.json" "$repo/tests/places/data/cartographie-nationale-$version-source.json"
cd "$repo"
"$tool" import-v0 "tests/places/data/cartographie-nationale-$version-source.json" \
  --out content/places/lieux-demo-v1.csv --standard content/standard
