#!/usr/bin/env bash
# Restores, builds (warnings as errors) and runs the whole test suite, browser tests included (installing chromium
# with apt-get when it is missing, as root); ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# The console's browser tests drive Debian's chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# One test project at a time (-m:1): the browser tests' hosts and chromium would otherwise share the two cores
# with the cluster tests, whose background re-scoring then falls minutes behind.
dotnet test Orleans.Distill.sln -c Release --nologo -m:1 2>&1 | tee "$log" || status=$?

# Sums the per-assembly summaries ("Passed!  - Failed: 0, Passed: 108, ...").
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1) }
     }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
