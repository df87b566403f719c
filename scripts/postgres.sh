#!/usr/bin/env bash
# Makes a PostgreSQL server reachable for the storage tests and exports its connection string as
# LINKAGE_TEST_POSTGRES (Npgsql form). Source it (`source scripts/postgres.sh`) to get the variable, or
# run it to print the string. Order of preference:
#   1. LINKAGE_TEST_POSTGRES already set and reachable: nothing to do;
#   2. the throw-away cluster of an earlier run (/tmp/linkage-pg, port 5433) is up: reuse it;
#   3. otherwise install Debian's postgresql package when missing, and start a throw-away cluster on
#      127.0.0.1:5433 in /tmp/linkage-pg, owned by the postgres user, with database and user linkage.
# Failing to do so is reported and returns non-zero; the tests then skip (or, with CI=true, fail).

linkage_pg_main() {
  local port="${LINKAGE_PG_PORT:-5433}" dir="${LINKAGE_PG_DIR:-/tmp/linkage-pg}"
  local conn="Host=127.0.0.1;Port=$port;Username=linkage;Password=linkage;Database=linkage_test"

  if [[ -n "${LINKAGE_TEST_POSTGRES:-}" ]] && linkage_pg_reachable "$LINKAGE_TEST_POSTGRES"; then
    return 0
  fi

  local bin
  bin="$(linkage_pg_bin)"
  if [[ -z "$bin" ]]; then
    echo "postgres.sh: installing Debian's postgresql package" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } >&2; then
      echo "postgres.sh: could not install postgresql" >&2
      return 1
    fi
    bin="$(linkage_pg_bin)"
    [[ -n "$bin" ]] || { echo "postgres.sh: postgresql installed but initdb not found" >&2; return 1; }
  fi

  # The server refuses to run as root: everything runs as the postgres user the package created.
  local as=(runuser -u postgres --)
  [[ "$(id -u)" != 0 ]] && as=()
  if ! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      rm -rf "$dir" && mkdir -p "$dir"
      [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$dir"
      "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null || { echo "postgres.sh: initdb failed" >&2; return 1; }
    fi
    # Throw-away: no fsync, loopback only, socket in the cluster's folder.
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
      || { echo "postgres.sh: the server did not start; see $dir/server.log" >&2; return 1; }
  fi

  local psql=("${as[@]}" "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)
  if [[ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'linkage'")" != 1 ]]; then
    "${psql[@]}" -d postgres -c "CREATE ROLE linkage LOGIN PASSWORD 'linkage'" || return 1
  fi
  if [[ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'linkage_test'")" != 1 ]]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE linkage_test OWNER linkage" || return 1
  fi

  export LINKAGE_TEST_POSTGRES="$conn"
  linkage_pg_reachable "$conn" || { echo "postgres.sh: started, but cannot log in as linkage" >&2; return 1; }
  echo "postgres.sh: PostgreSQL ready on 127.0.0.1:$port (LINKAGE_TEST_POSTGRES exported)" >&2
}

# The newest installed server's bin folder (Debian keeps them under /usr/lib/postgresql/VERSION/bin).
linkage_pg_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -n "$d" && -x "$d/initdb" ]] && echo "$d"
}

# True when the Npgsql-style connection string logs in (checked with psql, which the package brings).
linkage_pg_reachable() {
  command -v psql >/dev/null 2>&1 || return 1
  local host port user pass db part
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    case "${part,,}" in
      host=*) host="${part#*=}" ;; port=*) port="${part#*=}" ;; username=*|user\ id=*|user=*) user="${part#*=}" ;;
      password=*) pass="${part#*=}" ;; database=*) db="${part#*=}" ;;
    esac
  done
  PGPASSWORD="$pass" PGCONNECT_TIMEOUT=3 psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d "${db:-postgres}" -qAt -c 'SELECT 1' >/dev/null 2>&1
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  linkage_pg_main && echo "$LINKAGE_TEST_POSTGRES"
else
  linkage_pg_main
fi
