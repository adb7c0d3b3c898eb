#!/usr/bin/env bash
# Renders a report.html in headless Chromium and saves a PNG screenshot of it, to check that the report opens
# offline and looks right (issue 3: "show it renders in headless Chromium ... and look at it").
#
# Usage: tools/report/screenshot.sh <report.html> <out.png> [WIDTH,HEIGHT]
#   WIDTH,HEIGHT  window (and image) size in pixels, default 1400,3000; the page is cut at HEIGHT.
#
# Needs Debian's `chromium` (apt-get install -y chromium) or CHROMIUM=/path/to/chrome. Runs with a throwaway
# profile (--user-data-dir in a temporary folder, removed afterwards), no sandbox (so it works as root and in
# containers), no GPU, scrollbars hidden. The report loads nothing from the network, so none is needed.
# Exit status: 0 when the PNG was written; 2 on bad usage; 3 when no Chromium is found; else Chromium's failure.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 <report.html> <out.png> [WIDTH,HEIGHT]" >&2
  exit 2
fi
html=$1
out=$2
size=${3:-1400,3000}
if [[ ! -f $html ]]; then
  echo "$0: no such file: $html" >&2
  exit 2
fi
if [[ ! $size =~ ^[0-9]+,[0-9]+$ ]]; then
  echo "$0: size must be WIDTH,HEIGHT in pixels, got '$size'" >&2
  exit 2
fi
chrome=${CHROMIUM:-}
if [[ -z $chrome ]]; then
  for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then chrome=$c; break; fi
  done
fi
if [[ -z $chrome ]]; then
  echo "$0: chromium not found (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 3
fi

abs_html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
mkdir -p "$(dirname "$out")"
abs_out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
profile=$(mktemp -d "${TMPDIR:-/tmp}/scalebench-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
rm -f "$abs_out"

"$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check \
  --disable-extensions --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size="$size" --screenshot="$abs_out" "file://$abs_html" \
  >"$profile/chromium.log" 2>&1 || {
    status=$?
    echo "$0: chromium failed (exit $status):" >&2
    tail -n 20 "$profile/chromium.log" >&2
    exit "$status"
  }
if [[ ! -s $abs_out ]]; then
  echo "$0: chromium wrote no screenshot:" >&2
  tail -n 20 "$profile/chromium.log" >&2
  exit 1
fi
echo "$abs_out"
