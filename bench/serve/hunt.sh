#!/usr/bin/env bash
# Hunts the intermittent stall (docs/performance.md, seventh and eighth sessions on the server): RUNS short
# single-request runs of single.sh with wrk, each server printing its requests in flight every 10 s
# (LINKAGE_REQUEST_LOG=1) and the sockets of its port snapshotted 5 s into the measured phase. A run whose
# achieved rate is far below RATE is the one to read: its server log says whether requests were left in
# flight (the server's fault) or never arrived (the client's), its socket snapshot what each connection held.
#
#   FRESH=/tmp/fresh.db RUNS=20 bench/serve/hunt.sh     # logs in ${OUT:-/tmp/linkage-hunt}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="${OUT:-/tmp/linkage-hunt}"; port="${PORT:-5091}"; rate="${RATE:-1000}"
mkdir -p "$out"
for i in $(seq 1 "${RUNS:-20}"); do
  ON_MEASURE="sleep 5; ss -tni '( sport = :$port )' > $out/ss-$i.txt 2>&1" SERVER_ENV="LINKAGE_REQUEST_LOG=1" \
    PORT="$port" CLIENT=wrk WARM="${WARM:-10}" SECONDS_SINGLE="${SECONDS_SINGLE:-10}" RATE="$rate" \
    timeout 300 bench/serve/single.sh > "$out/run-$i.txt" 2>&1 || true
  cp /tmp/linkage-single-serve.log "$out/serve-$i.log"
  achieved="$(grep -o '([0-9]*/s achieved)' "$out/run-$i.txt" | tail -1 | tr -dc '0-9')"
  flag=""; (( ${achieved:-0} < rate * 8 / 10 )) && flag="  <-- STALLED? read $out/serve-$i.log and $out/ss-$i.txt"
  echo "run $i: $(grep -E '^wrk' "$out/run-$i.txt" | cut -c1-120)$flag"
done
