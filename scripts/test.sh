#!/usr/bin/env bash
# Runs the whole test suite. This is the README's test command and what CI (.ci/run) calls.
# Anything the tests need beyond the .NET SDK is installed and started from here.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# PostgreSQL for the storage contract tests: reuses or starts a throw-away server (installing Debian's
# package when needed) and exports LINKAGE_TEST_POSTGRES. Without it they skip, or fail under CI=true.
source "$root/scripts/postgres.sh" || echo "test.sh: no PostgreSQL server; its tests will skip (or fail under CI=true)" >&2

# Debian's chromium for the page's browser test (Playwright drives it; its own download is not reachable).
source "$root/scripts/chromium.sh" || echo "test.sh: no chromium; the browser test will skip (or fail under CI=true)" >&2

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test Linkage.slnx -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line over all test projects, in the plain form CI reads.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
