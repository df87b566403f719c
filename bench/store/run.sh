#!/usr/bin/env bash
# Store timing harness: imports a generated world into a SQLite store through the command line (timed with
# /usr/bin/time), associates it, then times incremental re-association in-process (StoreBench).
#
#   bench/store/run.sh                  # 1,000,000 contacts x 1,000,000 activities
#   bench/store/run.sh 100000 100000    # smaller: contacts activities
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
contacts="${1:-1000000}"; activities="${2:-1000000}"
world="bench/.worlds/c${contacts}-a${activities}"
db="${STORE_DB:-/tmp/linkage-bench-c${contacts}-a${activities}.db}"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
[[ -f "$world/activities.jsonl" ]] || ./linkage generate --contacts "$contacts" --activities "$activities" --seed 42 --out "$world" >&2
./linkage --help >/dev/null 2>&1 || true   # build outside the timings
dotnet build bench/store/StoreBench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2
rm -f "$db" "$db-wal" "$db-shm"

timed() {  # label, command...
  local log; log="$(mktemp)"
  /usr/bin/time -f '%e %M' -o "$log" "${@:2}" 2>&1 | tail -1 >&2
  read -r wall rss <"$log"; rm -f "$log"
  echo "| $1 | $wall | $((rss / 1024)) |"
}

echo "World: $contacts contacts, $activities activities; store $db"
echo
echo "| step (command line) | wall s | peak RSS MB |"
echo "|---|---:|---:|"
timed "import crm (+ settings)" ./linkage import crm "$world/crm.json" --settings "$world/settings.json" --db "$db"
timed "import activities" ./linkage import activities "$world/activities.jsonl" --db "$db"
timed "associate (all, whole snapshot)" ./linkage associate --db "$db"
timed "import crm again (nothing changed)" ./linkage import crm "$world/crm.json" --db "$db"
echo
echo "Store size: $(du -m "$db" | cut -f1) MB"
echo
dotnet bench/store/bin/Release/net10.0/StoreBench.dll "$db" 20
