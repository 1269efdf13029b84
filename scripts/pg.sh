#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server on a loopback port, in a folder of its own.
#
#   scripts/pg.sh install              installs Debian's PostgreSQL 15 server if it is missing
#   scripts/pg.sh start DIR [PORT]     creates a cluster in DIR (once) and starts it; prints the connection string
#   scripts/pg.sh stop DIR             stops it (the folder stays; delete it to throw the data away)
#
# The server trusts local connections from user "distill" to database "distill": it is for tests and
# local clusters, never for data that matters.
set -euo pipefail

bin_dir() {
  local candidate
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

install() {
  if bin_dir >/dev/null; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed and installing it needs root: sudo apt-get install postgresql-15" >&2
    exit 1
  fi
  echo "Installing PostgreSQL 15 (Debian package postgresql-15)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
}

# initdb and postgres refuse to run as root; as root, run them as the postgres account.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir=$1 port=${2:-55432}
  install
  local bin; bin=$(bin_dir)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir" -U distill --auth=trust --no-sync -E UTF8 >/dev/null
  fi
  # fsync stays on: the tests kill silos, not the database, and acknowledged writes must be durable.
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U distill -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'distill'" | grep -q 1; then
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U distill distill
  fi
  echo "Host=127.0.0.1;Port=$port;Username=distill;Database=distill"
}

stop() {
  local dir=$1
  local bin; bin=$(bin_dir)
  if [ -f "$dir/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 install | start DIR [PORT] | stop DIR" >&2; exit 2 ;;
esac
