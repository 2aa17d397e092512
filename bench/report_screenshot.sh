#!/usr/bin/env bash
# Render `termqa report --html` in headless Chromium and save a screenshot to look at.
# Needs Debian's chromium (apt-get install -y chromium fonts-noto-cjk). Not run by the tests.
# Usage: bash bench/report_screenshot.sh [OUT.png]   (default /tmp/report.png)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/report.png}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A few dated digests (file-name dates) so the score-over-time chart has points.
i=0
for f in "$root"/corpora/interleaved-0*.txt "$root"/corpora/ja-only-0*.md; do
  i=$((i + 1))
  cp "$f" "$work/digest-2024-0$i-0$i.${f##*.}"
done
cd "$root"
python -m termqa report "$work" --html "$work/report.html" >/dev/null || true
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --screenshot="$out" --window-size=1280,1600 \
  "file://$work/report.html" 2>/dev/null
echo "screenshot: $out"
