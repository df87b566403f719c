#!/usr/bin/env bash
# Server benchmark: a 1,000,000-contact workspace in a SQLite store, './linkage serve' on loopback, and
# the load client (bench/serve/LoadClient, a separate process) sending (1) batches of activities and
# (2) single-activity requests at a fixed rate. Both share the machine with the server.
#
#   bench/serve/run.sh                         # 1,000,000 contacts; 300,000 activities to send
#   bench/serve/run.sh 100000 60000            # smaller: contacts activities
#   BATCH=1000 CONCURRENCY=2 RATE=1000 SECONDS=30 bench/serve/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
contacts="${1:-1000000}"; activities="${2:-300000}"
batch="${BATCH:-1000}"; concurrency="${CONCURRENCY:-2}"; rate="${RATE:-1000}"; seconds="${SECONDS_SINGLE:-30}"
world="bench/.worlds/c${contacts}-a${activities}"
db="${SERVE_DB:-/tmp/linkage-serve-bench-c${contacts}.db}"
port="${PORT:-5090}"
single=$((rate * seconds)); batched=$((activities - single))
(( batched > 0 )) || { echo "run.sh: $activities activities do not cover $single single requests" >&2; exit 2; }

[[ -f "$world/activities.jsonl" ]] || ./linkage generate --contacts "$contacts" --activities "$activities" --seed 42 --out "$world" >&2
dotnet build bench/serve/LoadClient.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2
client=(dotnet bench/serve/bin/Release/net10.0/LoadClient.dll)

# A fresh store each run: the CRM imported, no activities, one workspace and key. REUSE=1 keeps a store
# that holds the imported CRM and no activities yet (the import takes about a minute at 1M contacts).
if [[ "${REUSE:-0}" != 1 || ! -f "$db" ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  ./linkage workspace create bench --db "$db" >&2
  ./linkage import crm "$world/crm.json" --settings "$world/settings.json" --db "$db" --workspace bench >&2
fi
key="$(./linkage key create --workspace bench --db "$db" 2>/dev/null)"

./linkage serve --db "$db" --urls "http://127.0.0.1:$port" --rate-limit 0 --max-batch 10000 --max-body-bytes 67108864 2>/tmp/linkage-serve-bench.log &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done

# Warm-up: the first request builds the workspace's in-memory index from the store (timed).
start=$(date +%s.%N)
"${client[@]}" batch "http://127.0.0.1:$port" "$key" "$world/activities.jsonl" 0 1000 1000 1 >/dev/null
echo "first request (builds the index over $contacts contacts): $(echo "$(date +%s.%N) - $start" | bc) s"
rss() { echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$server/status 2>/dev/null || echo 0) / 1024 )) MB"; }
rss

"${client[@]}" batch "http://127.0.0.1:$port" "$key" "$world/activities.jsonl" 1000 "$((batched - 1000))" "$batch" "$concurrency"
rss
"${client[@]}" single "http://127.0.0.1:$port" "$key" "$world/activities.jsonl" "$batched" "$rate" "$seconds"
rss
