#!/usr/bin/env bash
# A throwaway PostgreSQL server for the database tests: `scripts/postgres.sh start DIR` initialises DIR, starts
# the server on a Unix socket in DIR (no TCP) and prints `PGHOST=DIR PGPORT=5432 PGUSER=postgres`;
# `scripts/postgres.sh stop DIR` stops it. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-c listen_addresses='' -k $dir -c fsync=off" start >/dev/null
    echo "PGHOST=$dir PGPORT=5432 PGUSER=postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
    ;;
  *) echo "postgres.sh: start or stop" >&2; exit 2 ;;
esac
