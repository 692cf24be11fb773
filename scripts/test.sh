#!/usr/bin/env bash
# Runs every test of Canopy and ends with the totals alone on a line: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
log="$(mktemp)"
dotnet test Canopy.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# VSTest prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -E '^\s*(Passed|Failed)!\s+-\s+Failed:' "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
rm -f "$log"
# The web console's unit tests (vitest), counted with the rest.
web_json="$(mktemp)"
(cd web && npx vitest run --reporter=default --reporter=json --outputFile="$web_json")
web_status=$?
read -r web_passed web_failed < <(node -e '
  try { const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.numPassedTests, r.numFailedTests); }
  catch { console.log(0, 1); }' "$web_json")
rm -f "$web_json"
passed=$((passed + web_passed)); failed=$((failed + web_failed))
if [ "$web_status" -ne 0 ] && [ "$status" -eq 0 ]; then status=$web_status; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
