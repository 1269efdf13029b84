#!/usr/bin/env bash
# Restores, builds (warnings as errors) and runs the whole test suite; ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Orleans.Distill.sln -c Release --nologo 2>&1 | tee "$log" || status=$?

# Sums the per-assembly summaries ("Passed!  - Failed: 0, Passed: 108, ...").
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1) }
     }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
