#!/usr/bin/env bash
# N silo processes of the host on loopback ports, sharing one PostgreSQL: a local Orleans cluster.
#
#   scripts/cluster.sh up N [CONNECTION]   builds the host (Release), starts a throwaway PostgreSQL under
#                                          .cluster/pg unless CONNECTION is given, then N silos:
#                                          silo i serves HTTP on 5080+i, silo port 11111+i, gateway 30000+i
#   scripts/cluster.sh down                stops the silos and the throwaway PostgreSQL
#   scripts/cluster.sh status              each silo's /health
#
# Logs go to .cluster/silo-i.log. Extra host settings can be passed in DISTILL_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
state=.cluster
dll=src/Orleans.Distill.Host/bin/Release/net10.0/Orleans.Distill.Host.dll

up() {
  local count=${1:?usage: cluster.sh up N [CONNECTION]} connection=${2:-}
  mkdir -p "$state"
  dotnet build src/Orleans.Distill.Host -c Release --nologo -v quiet >/dev/null
  if [ -z "$connection" ]; then
    connection=$(scripts/pg.sh start "$state/pg" 55432)
    echo "$state/pg" > "$state/pg.owned"
  fi
  echo "$connection" > "$state/connection"
  for i in $(seq 0 $((count - 1))); do
    local http=$((5080 + i))
    # shellcheck disable=SC2086
    nohup dotnet "$dll" --storage postgres --connection "$connection" \
      --urls "http://127.0.0.1:$http" --silo-port $((11111 + i)) --gateway-port $((30000 + i)) \
      --Distill:Telemetry:Exporter none ${DISTILL_ARGS:-} > "$state/silo-$i.log" 2>&1 &
    echo $! > "$state/silo-$i.pid"
  done
  for i in $(seq 0 $((count - 1))); do
    local http=$((5080 + i)) waited=0
    until curl -sf "http://127.0.0.1:$http/health" >/dev/null; do
      if ! kill -0 "$(cat "$state/silo-$i.pid")" 2>/dev/null; then
        echo "silo $i exited; see $state/silo-$i.log:" >&2; tail -5 "$state/silo-$i.log" >&2; exit 1
      fi
      waited=$((waited + 1)); [ $waited -lt 120 ] || { echo "silo $i not healthy after 60 s" >&2; exit 1; }
      sleep 0.5
    done
    echo "silo $i: http://127.0.0.1:$http"
  done
}

down() {
  for pidfile in "$state"/silo-*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  if [ -f "$state/pg.owned" ]; then
    scripts/pg.sh stop "$(cat "$state/pg.owned")"
    rm -f "$state/pg.owned"
  fi
}

status() {
  for pidfile in "$state"/silo-*.pid; do
    [ -f "$pidfile" ] || continue
    local i=${pidfile##*silo-}; i=${i%.pid}
    echo "silo $i (pid $(cat "$pidfile")): $(curl -s "http://127.0.0.1:$((5080 + i))/health" || echo unreachable)"
  done
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up N [CONNECTION] | down | status" >&2; exit 2 ;;
esac
