#!/usr/bin/env bash
# Whole-run harness: times `./linkage associate` end to end (load the CRM, build the index, associate,
# write) on generated worlds, with wall time, throughput and peak memory from /usr/bin/time -v, and the
# same workload through the SQL baseline on SQLite. Worlds are generated once into bench/.worlds/.
#
#   bench/run.sh                      # the standard grid: 100k and 1M contacts x 100k and 1M activities
#   bench/run.sh 100000:100000        # one size, contacts:activities
#   SQL_BASELINE=0 bench/run.sh       # skip the SQL baseline (it is slow at 1M)
#   HUGE_PAGES=1800 bench/run.sh      # set 1,800 huge pages (2 MB) aside for the runs (root), as a machine
#                                     # tuned for large CRMs would; given back afterwards. The heap is then
#                                     # on huge pages, which /usr/bin/time's peak RSS does not count.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100000:100000 100000:1000000 1000000:100000 1000000:1000000)
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

./linkage --help >/dev/null 2>&1 || true   # build once, outside the timings
if [[ -n "${HUGE_PAGES:-}" ]]; then
  pool=/proc/sys/vm/nr_hugepages
  before="$(cat "$pool")"
  trap 'echo "$before" > "$pool"' EXIT
  echo "$HUGE_PAGES" > "$pool"
  echo "huge pages set aside: $(awk '/HugePages_Free/ {print $2}' /proc/meminfo) of 2 MB (peak RSS below excludes the heap)" >&2
fi
dotnet build bench/Linkage.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2

echo "| contacts | activities | wall s | activities/s | peak RSS MB | SQL baseline activities/s |"
echo "|---:|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
  contacts="${size%%:*}"; activities="${size##*:}"
  world="bench/.worlds/c${contacts}-a${activities}"
  if [[ ! -f "$world/activities.jsonl" ]]; then
    ./linkage generate --contacts "$contacts" --activities "$activities" --seed 42 --out "$world" >&2
  fi
  log="$(mktemp)"
  /usr/bin/time -v ./linkage associate --crm "$world/crm.json" --activities "$world/activities.jsonl" \
    --settings "$world/settings.json" --out /dev/null 2>"$log"
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident' "$log" | awk '{print int($NF/1024)}')
  sql="-"
  if [[ "${SQL_BASELINE:-1}" == 1 ]]; then
    sql=$(dotnet bench/Linkage.Benchmarks/bin/Release/net10.0/Linkage.Benchmarks.dll sql-baseline "$world" | sed -E 's/.* = ([0-9,]+) activities\/s.*/\1/')
  fi
  rate=$(awk -v a="$activities" -v w="$wall" 'BEGIN { printf "%\047d", a / w }')
  echo "| $contacts | $activities | $wall | $rate | $rss | $sql |"
  rm -f "$log"
done
