#!/usr/bin/env bash
# Hunts the intermittent stall (docs/performance.md, seventh and eighth sessions on the server): RUNS short
# single-request runs of single.sh with wrk, each server printing its requests in flight every 10 s
# (LINKAGE_REQUEST_LOG=1) and the sockets of its port snapshotted 5 s into the measured phase. A run is
# flagged when its server held two or more requests for over 3 s ("in flight N; oldest X ms"; the index
# build's lone first request does not count). DUMP=1 also takes a heap dump 7 s into each measured phase
# (dotnet-dump, kept only for flagged runs) so the stuck requests' async state can be read:
# 'dotnet-dump analyze FILE -c "dumpasync --coalesce"'.
#
#   FRESH=/tmp/fresh.db RUNS=20 [DUMP=1] bench/serve/hunt.sh     # logs in ${OUT:-/tmp/linkage-hunt}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="${OUT:-/tmp/linkage-hunt}"; port="${PORT:-5091}"; rate="${RATE:-1000}"
dump=(); [[ "${DUMP:-0}" == 1 ]] && dump=("$HOME/.dotnet/tools/dotnet-dump")
mkdir -p "$out"
for i in $(seq 1 "${RUNS:-20}"); do
  on_measure="sleep 5; ss -tni '( sport = :$port )' > $out/ss-$i.txt 2>&1"
  (( ${#dump[@]} )) && on_measure+="; sleep 2; ${dump[0]} collect -p \$(cat /tmp/linkage-single-serve.pid) --type Heap -o $out/dump-$i > /dev/null 2>&1"
  ON_MEASURE="$on_measure" SERVER_ENV="LINKAGE_REQUEST_LOG=1" \
    PORT="$port" CLIENT=wrk WARM="${WARM:-10}" SECONDS_SINGLE="${SECONDS_SINGLE:-10}" RATE="$rate" \
    timeout 300 bench/serve/single.sh > "$out/run-$i.txt" 2>&1 || true
  cp /tmp/linkage-single-serve.log "$out/serve-$i.log"
  flag=""
  if awk '/^in flight/ { n = $3 + 0; ms = $5 + 0; if (n >= 2 && ms >= 3000) found = 1 } END { exit !found }' "$out/serve-$i.log"; then
    flag="  <-- STALLED: $(grep '^in flight' "$out/serve-$i.log" | sort -t' ' -k5 -n | tail -1); see $out/serve-$i.log, ss-$i.txt"
  else
    rm -f "$out/dump-$i"
  fi
  echo "run $i: $(grep -E '^wrk' "$out/run-$i.txt" | cut -c1-120)$flag"
done
