#!/usr/bin/env bash
# Times `quiz report` on 1,000 generated results files with a release build (see tests/report_bench.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --test report_bench -- --ignored --nocapture 2>&1 | grep -E "quiz report on|test result"
