#!/usr/bin/env bash
# Make sure the Debian packages a step needs are installed: as root, install the missing
# ones; otherwise name them and stop. Usage: tools/system-packages.sh build|test
set -euo pipefail

build_packages=(
  gettext              # msgfmt: catalog checks
  fonts-noto-core      # print typefaces: Latin, Greek, Cyrillic, Arabic
  fonts-noto-cjk       # print typefaces: Japanese
  libharfbuzz-subset0  # WeasyPrint's fast font subsetting (10-40x faster than without)
  libpango-1.0-0       # WeasyPrint's text layout
  libpangoft2-1.0-0
)
test_packages=(
  "${build_packages[@]}"
  poppler-utils        # pdfinfo, pdffonts, pdftotext, pdftoppm
  zbar-tools           # zbarimg: decode the printed QR codes
  strace               # record every connection a build attempts (it must make none)
  chromium             # the real browser for end-to-end tests
)

case "${1:-build}" in
  build) wanted=("${build_packages[@]}") ;;
  test) wanted=("${test_packages[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "note: not a Debian-like system; make sure these are installed: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)

[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "error: missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
