#!/usr/bin/env bash
# Cluster measurements (docs/performance.md, "The cluster"): on a PostgreSQL store in a schema of its own,
#  1. activation: one silo; workspaces of growing size; the first request to each (activates its grain and
#     builds the index from the store) against the second, and the silo's RSS after each activation;
#  2. one silo's throughput: the load client (bench/serve/LoadClient) against the largest workspace, and
#     the same load on one machine ('serve --db', same PostgreSQL) to separate the grain hop from the store;
#  3. a backfill on three silos: activities per silo and wall time, against './linkage associate' on one
#     machine over the same queue.
#
#   bench/cluster/run.sh                          # sizes 1000 10000 100000 contacts; backfill 10000 x 60000
#   SIZES="1000 10000" BACKFILL="5000 20000" bench/cluster/run.sh
# PG: a PostgreSQL connection string (default: LINKAGE_TEST_POSTGRES, which scripts/postgres.sh exports).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
pg="${PG:-${LINKAGE_TEST_POSTGRES:?set PG or source scripts/postgres.sh}}"
sizes=(${SIZES:-1000 10000 100000})
read -r bf_contacts bf_activities <<<"${BACKFILL:-10000 60000}"
schema="bench_cluster_$$"
psql_do() { PGPASSWORD="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$pg")" psql -q -h 127.0.0.1 -p "$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$pg")" \
  -U "$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$pg")" "$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$pg")" -c "$1"; }
psql_do "CREATE SCHEMA $schema"
db="$pg;Search Path=$schema"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; psql_do "DROP SCHEMA IF EXISTS $schema CASCADE" || true; }
trap cleanup EXIT
dotnet build bench/serve/LoadClient.csproj -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2
client=(dotnet bench/serve/bin/Release/net10.0/LoadClient.dll)
rss() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }
now() { date +%s.%N; }
serve() { # port -> pid of a silo
  ./linkage serve --cluster "$db" --urls "http://127.0.0.1:$1" --rate-limit 0 --max-batch 10000 --max-body-bytes 67108864 --fast-failover 2>"/tmp/linkage-cluster-bench-$1.log" &
  pids+=($!)
  for _ in $(seq 1 180); do grep -q '^linkage: page' "/tmp/linkage-cluster-bench-$1.log" && return; sleep 1; done
  echo "silo on $1 did not start" >&2; cat "/tmp/linkage-cluster-bench-$1.log" >&2; exit 1
}
world() { local w="bench/.worlds/c$1-a$2"; [[ -f "$w/activities.jsonl" ]] || ./linkage generate --contacts "$1" --activities "$2" --seed 42 --out "$w" >&2; echo "$w"; }

echo "== workspaces"
declare -A keys
for c in "${sizes[@]}"; do
  w="$(world "$c" 20000)"
  ./linkage workspace create "w$c" --db "$db" >/dev/null 2>&1
  start=$(now); ./linkage import crm "$w/crm.json" --settings "$w/settings.json" --db "$db" --workspace "w$c" >/dev/null 2>&1
  echo "w$c: CRM of $c contacts imported in $(echo "$(now) - $start" | bc) s"
  keys[$c]="$(./linkage key create --workspace "w$c" --db "$db" 2>/dev/null)"
done

echo "== 1. activation cost (one silo)"
serve 5301; silo=${pids[-1]}
echo "silo RSS idle: $(rss "$silo") MB"
for c in "${sizes[@]}"; do
  w="bench/.worlds/c$c-a20000"
  start=$(now); "${client[@]}" batch http://127.0.0.1:5301 "${keys[$c]}" "$w/activities.jsonl" 0 1 1 1 >/dev/null; first=$(echo "$(now) - $start" | bc)
  start=$(now); "${client[@]}" batch http://127.0.0.1:5301 "${keys[$c]}" "$w/activities.jsonl" 1 1 1 1 >/dev/null; second=$(echo "$(now) - $start" | bc)
  echo "w$c: first request $first s, second $second s (both include the client's start); silo RSS now $(rss "$silo") MB"
done

echo "== 2. one silo's throughput (w${sizes[-1]})"
w="bench/.worlds/c${sizes[-1]}-a20000"
"${client[@]}" batch http://127.0.0.1:5301 "${keys[${sizes[-1]}]}" "$w/activities.jsonl" 2 12000 1000 2
"${client[@]}" single http://127.0.0.1:5301 "${keys[${sizes[-1]}]}" "$w/activities.jsonl" 12002 300 20
echo "silo RSS: $(rss "$silo") MB"

echo "== 2b. the same load on one machine ('serve --db', no cluster) over a copy of the workspace"
./linkage workspace create one --db "$db" >/dev/null 2>&1
./linkage import crm "$w/crm.json" --settings "$w/settings.json" --db "$db" --workspace one >/dev/null 2>&1
onekey="$(./linkage key create --workspace one --db "$db" 2>/dev/null)"
./linkage serve --db "$db" --urls http://127.0.0.1:5304 --rate-limit 0 --max-batch 10000 --max-body-bytes 67108864 2>/tmp/linkage-cluster-bench-5304.log &
pids+=($!)
for _ in $(seq 1 120); do curl -fs -o /dev/null http://127.0.0.1:5304/ && break; sleep 1; done
"${client[@]}" batch http://127.0.0.1:5304 "$onekey" "$w/activities.jsonl" 0 2 1 1 >/dev/null
"${client[@]}" batch http://127.0.0.1:5304 "$onekey" "$w/activities.jsonl" 2 12000 1000 2
"${client[@]}" single http://127.0.0.1:5304 "$onekey" "$w/activities.jsonl" 12002 300 20
kill "${pids[-1]}"

echo "== 3. backfill: $bf_contacts contacts, $bf_activities activities queued"
w="$(world "$bf_contacts" "$bf_activities")"
for ws in bf1 bf3; do
  ./linkage workspace create "$ws" --db "$db" >/dev/null 2>&1
  ./linkage import crm "$w/crm.json" --settings "$w/settings.json" --db "$db" --workspace "$ws" >/dev/null 2>&1
  ./linkage import activities "$w/activities.jsonl" --db "$db" --workspace "$ws" >/dev/null 2>&1
done
start=$(now); ./linkage associate --db "$db" --workspace bf1 >/dev/null 2>&1
echo "one machine ('linkage associate'): $(echo "$(now) - $start" | bc) s"
serve 5302; serve 5303
start=$(now); ./linkage backfill --workspace bf3 --cluster "$db" --partition-size 2000 --parallel 6 2>/dev/null
echo "three silos ('linkage backfill', silos on this machine): $(echo "$(now) - $start" | bc) s"
