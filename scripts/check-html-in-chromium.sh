#!/usr/bin/env bash
# Opens the HTML class report of the fixture class in headless Chromium and checks the page as the
# browser built it: every table row, chart and bar is there, and nothing was fetched. Leaves a
# screenshot for a look by eye. Needs chromium (`apt-get install chromium`) and python3.
#
#   scripts/check-html-in-chromium.sh [OUT_DIR]      (default: target/html-check)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/html-check}")"
rm -rf "$out" && mkdir -p "$out"

QUIZ_HTML_CHECK_DIR="$out" cargo test --quiet --test main classroom::html_for_the_browser_check \
  -- --ignored >/dev/null

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions)
page="file://$out/class.html"
"$browser" "${flags[@]}" --dump-dom "$page" >"$out/dom.html" 2>"$out/chromium.log"
"$browser" "${flags[@]}" --window-size=1100,3000 --screenshot="$out/class.png" "$page" \
  >>"$out/chromium.log" 2>&1

python3 - "$out/class.html" "$out/dom.html" <<'PY'
import sys
from html.parser import HTMLParser

class Count(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids = {}, set()
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.ids.update(v for k, v in attrs if k == "id")

def count(path):
    parser = Count()
    parser.feed(open(path, encoding="utf-8").read())
    return parser

source, dom = count(sys.argv[1]), count(sys.argv[2])
problems = []
# Chromium adds <tbody> and fixes bad nesting; the same counts mean it found nothing to fix.
for tag in ["table", "tr", "td", "th", "svg", "rect", "text", "section", "figure", "h2", "li"]:
    if source.tags.get(tag, 0) != dom.tags.get(tag, 0):
        problems.append(f"<{tag}>: {source.tags.get(tag, 0)} written, {dom.tags.get(tag, 0)} in the DOM")
for wanted in ["summary", "students", "histogram", "questions", "facility-chart", "discrimination-chart", "tags", "q3"]:
    if wanted not in dom.ids:
        problems.append(f"no #{wanted} in the DOM")
if dom.tags.get("tr", 0) < 31:
    problems.append("fewer table rows than the 30 students")
for tag in ["script", "img", "link", "iframe"]:
    if dom.tags.get(tag):
        problems.append(f"the page has <{tag}>")
for problem in problems:
    print("html check:", problem)
sys.exit(1 if problems else 0)
PY

if grep -Ei "ERR_|net::|Failed to load" "$out/chromium.log" | grep -v "dbus\|gpu\|GPU" ; then
  echo "html check: Chromium reported a load error (see $out/chromium.log)"
  exit 1
fi
echo "html check: ok ($out/class.html, screenshot $out/class.png)"
