#!/usr/bin/env bash
# The image tests (label image), apart from the default suite: static checks of the built image tree, then a
# QEMU boot (KVM when /dev/kvm is usable) to the kiosk's first frame under cage, the escape keys and a USB
# stick. Needs root and a built image: `sudo image/build` first, or `scripts/image-test.sh --build`.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${IMAGE_WORK:-/work/image-work}"
export IMAGE_WORK="$work"
t0=$(date +%s)
if [ "${1:-}" = "--build" ]; then image/build; image/bundle >/dev/null; fi
[ -f "$work/out/kiosk-update.raucb" ] || image/bundle >/dev/null
failed=()
image/tests/static-checks.sh || failed+=(static)
# The attract screen as the same kiosk draws it headless, at the VM's screen size.
ref="$(mktemp -d /tmp/kiosk-ref.XXXXXX)"
kiosk_bin="$work/kiosk-build/kiosk/app/kiosk"  # the build the image's .deb came from (image/build --no-deb: none)
[ -x "$kiosk_bin" ] || kiosk_bin=build/kiosk/app/kiosk
"$kiosk_bin" --headless --size 1920x1080 --config content/demo/kiosk.toml \
  --data-dir "$ref/var" --screenshots "$ref/shots" >/dev/null
attract="$(ls "$ref"/shots/*attract*.png | head -n1)"
python3 image/tests/qemu_test.py "$work/out/kiosk.img" "$attract" || failed+=(qemu)
rm -rf "$ref"
echo "image tests: $(($(date +%s) - t0)) s"
if [ ${#failed[@]} -gt 0 ]; then echo "image tests FAILED: ${failed[*]}"; exit 1; fi
echo "image tests: all passed"
