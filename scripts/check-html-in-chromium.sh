#!/usr/bin/env bash
# Opens two HTML class reports in headless Chromium, that of the fixture class and that of a class
# that walked a branching scenario, and checks each page as the browser built it: every table
# row, chart, bar, box and arrow is there, and nothing was fetched. Leaves a screenshot of each
# for a look by eye. Needs chromium (`apt-get install chromium`) and python3.
#
#   scripts/check-html-in-chromium.sh [OUT_DIR]      (default: target/html-check)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/html-check}")"
rm -rf "$out" && mkdir -p "$out"

QUIZ_HTML_CHECK_DIR="$out" cargo test --quiet --test main -- --ignored \
  classroom::html_for_the_browser_check scenario_report::html_for_the_browser_check >/dev/null

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions)
: >"$out/chromium.log"
for name in class walks; do
  page="file://$out/$name.html"
  "$browser" "${flags[@]}" --dump-dom "$page" >"$out/$name.dom.html" 2>>"$out/chromium.log"
  "$browser" "${flags[@]}" --window-size=1100,3000 --screenshot="$out/$name.png" "$page" \
    >>"$out/chromium.log" 2>&1
done

python3 - "$out" <<'PY'
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

def check(name, tags, ids, rows):
    source = count(f"{sys.argv[1]}/{name}.html")
    dom = count(f"{sys.argv[1]}/{name}.dom.html")
    problems = []
    # Chromium adds <tbody> and fixes bad nesting; the same counts mean it found nothing to fix.
    for tag in tags:
        if source.tags.get(tag, 0) != dom.tags.get(tag, 0):
            problems.append(f"<{tag}>: {source.tags.get(tag, 0)} written, {dom.tags.get(tag, 0)} in the DOM")
    for wanted in ids:
        if wanted not in dom.ids:
            problems.append(f"no #{wanted} in the DOM")
    if dom.tags.get("tr", 0) < rows:
        problems.append(f"fewer than {rows} table rows")
    for tag in ["script", "img", "link", "iframe"]:
        if dom.tags.get(tag):
            problems.append(f"the page has <{tag}>")
    return [f"{name}.html: {p}" for p in problems]

common = ["table", "tr", "td", "th", "svg", "rect", "text", "section", "figure", "h2", "li"]
problems = check("class", common,
                 ["summary", "students", "histogram", "questions", "facility-chart",
                  "discrimination-chart", "tags", "q3"], 31)
# Four students walked the night desk: 3 steps with 7 decisions, 3 endings and a stop.
problems += check("walks", common + ["g", "path", "polygon", "title", "h3"],
                  ["summary", "students", "histogram", "scenario-1", "flow-1", "split-1",
                   "endings-1"], 5 + 8 + 5)
for problem in problems:
    print("html check:", problem)
sys.exit(1 if problems else 0)
PY

if grep -Ei "ERR_|net::|Failed to load" "$out/chromium.log" | grep -v "dbus\|gpu\|GPU" ; then
  echo "html check: Chromium reported a load error (see $out/chromium.log)"
  exit 1
fi
echo "html check: ok ($out/class.html and $out/walks.html, screenshots $out/class.png and $out/walks.png)"
