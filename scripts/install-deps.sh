#!/usr/bin/env bash
# Installs every Debian 12 package the kiosk needs to build, run and test.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(
  build-essential cmake pkg-config git ccache faketime libfaketime clang-format
  libimgui-dev libstb-dev libsdl2-dev libsdl2-image-dev libfreetype-dev
  libcurl4-openssl-dev libsqlite3-dev libzxing-dev libsodium-dev
  libtomlplusplus-dev libssl-dev nlohmann-json3-dev libgettextpo-dev gettext
  zlib1g-dev libqrencode-dev libpng-dev libcups2-dev libv4l-dev zbar-tools libzbar-dev
  catch2
  fonts-noto-core fonts-material-design-icons-iconfont
  imagemagick
  clang-14 libclang-rt-14-dev gcovr
  nginx-light
  libespeak-ng-dev espeak-ng-data sox
  tzdata
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi
