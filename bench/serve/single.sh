#!/usr/bin/env bash
# A quick single-request latency run for iterating on the server (run.sh is the full benchmark): a copy of
# a store that already holds the imported CRM and no activities, './linkage serve' on loopback, the first
# request (builds the index), WARM seconds of single requests at RATE/s (not counted), then SECONDS of them.
# Optionally BATCH_COUNT activities in batches of BATCH with CONCURRENCY in flight, before the single phases.
#
#   FRESH=/tmp/fresh.db bench/serve/single.sh            # FRESH: made once by run.sh or 'linkage import crm'
#   SERVER_ENV="DOTNET_GCgen0size=0x4000000" RATE=1000 WARM=10 SECONDS=20 bench/serve/single.sh
#   CLIENT=wrk FRESH=/tmp/fresh.db bench/serve/single.sh  # measured phases by Debian's wrk (single.lua), not LoadClient
#   BATCH_CLIENT=wrk BATCH_COUNT=290000 BATCH=5000 BATCH_SECONDS=10 ...  # the batch phase by wrk (batch.lua)
# Build first (./linkage --help; dotnet build bench/serve/LoadClient.csproj -c Release): timings are run
# under 'flock /tmp/linkage-bench.lock', and nothing here builds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
world="${WORLD:-bench/.worlds/c1000000-a300000}"
fresh="${FRESH:?FRESH: a store with the CRM imported into workspace bench and no activities}"
db="${RUN_DB:-/tmp/linkage-single-run.db}"
port="${PORT:-5091}"
rate="${RATE:-1000}"; warm="${WARM:-10}"; seconds="${SECONDS_SINGLE:-20}"
batch_count="${BATCH_COUNT:-0}"; batch="${BATCH:-1000}"; concurrency="${CONCURRENCY:-2}"
client=(dotnet bench/serve/bin/Release/net10.0/LoadClient.dll)
cli=(dotnet "${CLI_DLL:-.build/cli/Linkage.Cli.dll}")  # CLI_DLL: another build, to compare side by side

rm -f "$db" "$db-wal" "$db-shm"
cp "$fresh" "$db"
key="$("${cli[@]}" key create --workspace bench --db "$db" 2>/dev/null)"

env ${SERVER_ENV:-} "${cli[@]}" serve --db "$db" --urls "http://127.0.0.1:$port" --rate-limit 0 --max-batch 10000 --max-body-bytes 67108864 2>/tmp/linkage-single-serve.log &
server=$!
echo "$server" >/tmp/linkage-single-serve.pid
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done

start=$(date +%s.%N)
"${client[@]}" batch "http://127.0.0.1:$port" "$key" "$world/activities.jsonl" 0 1000 1000 1 >/dev/null
echo "first request: $(echo "$(date +%s.%N) - $start" | bc) s; server RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$server/status) / 1024 )) MB"
from=1000
if (( batch_count > 0 )); then
  if [[ "${BATCH_CLIENT:-dotnet}" == wrk ]]; then
    # BATCH_SECONDS of batches by wrk (batch.lua), from at most BATCH_COUNT new activities.
    command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
    wrk -t1 -c"$concurrency" -d"${BATCH_SECONDS:-10}s" --timeout 30s -s bench/serve/batch.lua "http://127.0.0.1:$port" -- \
      "$world/activities.jsonl" "$from" "$batch_count" "$batch" "$key" | grep '^wrk'
  else
    "${client[@]}" batch "http://127.0.0.1:$port" "$key" "$world/activities.jsonl" "$from" "$batch_count" "$batch" "$concurrency"
  fi
  from=$((from + batch_count))
fi
if (( warm > 0 )); then
  echo -n "warm-up: "; "${client[@]}" single "http://127.0.0.1:$port" "$key" "$world/activities.jsonl" "$from" "$rate" "$warm" 2>/dev/null
  from=$((from + rate * warm))
fi
# RATES="200 500 1000": a measured phase at each rate, one after another on the same server.
for r in ${RATES:-$rate}; do
  [[ -n "${ON_MEASURE:-}" ]] && (sleep 2; eval "$ON_MEASURE") &
  if [[ "${CLIENT:-dotnet}" == wrk ]]; then
    # Closed loop, paced: each connection waits WRK_DELAY_MS after each answer; ~r/80 connections give r/s
    # at a few ms of latency. The achieved rate is printed; compare it with the target.
    conns="${WRK_CONNECTIONS:-$(( (r + 79) / 80 ))}"
    command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
    wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s -s bench/serve/single.lua "http://127.0.0.1:$port" -- \
      "$world/activities.jsonl" "$from" "$(( r * seconds * 2 ))" "$key" "${WRK_DELAY_MS:-10}" | grep '^wrk:'
    from=$((from + r * seconds * 2))
  else
    "${client[@]}" single "http://127.0.0.1:$port" "$key" "$world/activities.jsonl" "$from" "$r" "$seconds"
    from=$((from + r * seconds))
  fi
done
echo "server RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$server/status) / 1024 )) MB"
