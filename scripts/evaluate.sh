#!/usr/bin/env bash
# Does detection generalise? Simulates tuning and held-out worlds, evaluates each against a fresh host, evaluates
# the real data sets, then tunes thresholds and baselines on the tuning worlds only and reports on the rest.
#
#   scripts/evaluate.sh [--tune "1 2 3"] [--test "11 12 13"] [--accounts 5000]
#                       [--real yelpchi|yelpchi,umdwikipedia|none] [--out results/generalisation]
#                       [--storage memory|sqlite] [--features] [--no-build]
#
# Each world gets its own host (memory storage, or SQLite under the world's folder; free loopback ports), stopped
# when its evaluation ends; nothing is shared between worlds. Per world: <out>/worlds/<name>/{sim/,evaluation.json,detection.png,evaluate.log,host.log},
# and with --features features.csv: every labelled account's features at the end, to train a learned scorer on the
# tuning worlds and test it on the others (docs/evaluation.md, "Features for a learned scorer").
# The report: <out>/generalisation.md and <out>/generalisation.json. Timings: <out>/timings.txt.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

tune="1 2 3"
test="11 12 13"
accounts=5000
real=yelpchi
out=results/generalisation
storage=memory
build=1
features=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tune) tune=$2; shift 2 ;;
    --test) test=$2; shift 2 ;;
    --accounts) accounts=$2; shift 2 ;;
    --real) real=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --storage) storage=$2; shift 2 ;;
    --features) features=(--features); shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ "$real" = none ] && real=""
case "$storage" in memory|sqlite) ;; *) echo "--storage: memory or sqlite, not $storage" >&2; exit 2 ;; esac

for seed in $tune; do
  for held in $test; do
    [ "$seed" != "$held" ] || { echo "seed $seed is both a tuning and a test seed: held-out worlds must never be tuned on" >&2; exit 2; }
  done
done

bin=src/Orleans.Distill.Host/bin/Release/net10.0
cli_dll=src/Orleans.Distill.Cli/bin/Release/net10.0/Orleans.Distill.Cli.dll
case "$out" in /*) ;; *) out="$caller/$out" ;; esac
mkdir -p "$out/worlds"
out=$(cd "$out" && pwd)
timings="$out/timings.txt"
: > "$timings"

host_pid=""
host_url=""

stop_host() {
  if [ -n "$host_pid" ]; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
    host_pid=""
  fi
}
trap stop_host EXIT
trap 'stop_host; exit 130' INT TERM

# A loopback port no socket uses now, below the kernel's ephemeral range: a port the host's own outgoing
# connections may be given cannot be bound. Random, so two runs side by side rarely pick the same.
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    if command -v ss > /dev/null; then
      [ -z "$(ss -Htan "( sport = :$port )")" ] && { echo "$port"; return 0; }
    elif ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  echo "no free loopback port found" >&2
  return 1
}

# start_host DIR: a fresh host logging to DIR/host.log; HTTP, silo and gateway each on a free loopback port.
# A port taken between choosing and binding it costs one more try, with other ports.
start_host() {
  local dir=$1 attempt
  for attempt in 1 2 3; do
    if try_start_host "$dir"; then
      return 0
    fi
    grep -q "Address already in use" "$dir/host.log" || return 1
    echo "a port was taken; starting the host again (attempt $((attempt + 1)))" >&2
  done
  return 1
}

try_start_host() {
  local dir=$1 log=$1/host.log http silo gateway
  http=$(free_port); silo=$(free_port); gateway=$(free_port)
  while [ "$silo" = "$http" ] || [ "$gateway" = "$http" ] || [ "$gateway" = "$silo" ]; do silo=$(free_port); gateway=$(free_port); done
  local args=(--storage "$storage" --urls "http://127.0.0.1:$http" --silo-port "$silo" --gateway-port "$gateway" --Distill:Telemetry:Exporter none)
  if [ "$storage" = sqlite ]; then
    rm -rf "$dir/data"
    args+=(--data "$dir/data")
  fi
  # The apphost when the SDK made one: the same program as `dotnet Orleans.Distill.Host.dll`.
  if [ -x "$bin/Orleans.Distill.Host" ]; then
    "$bin/Orleans.Distill.Host" "${args[@]}" > "$log" 2>&1 &
  else
    dotnet "$bin/Orleans.Distill.Host.dll" "${args[@]}" > "$log" 2>&1 &
  fi
  host_pid=$!
  host_url="http://127.0.0.1:$http"
  local waited=0
  until curl -sf "$host_url/health" > /dev/null; do
    if ! kill -0 "$host_pid" 2>/dev/null; then
      wait "$host_pid" 2>/dev/null || true
      host_pid=""
      echo "the host exited; see $log:" >&2; grep -m3 -E "Exception|rror" "$log" >&2 || tail -5 "$log" >&2
      return 1
    fi
    waited=$((waited + 1))
    [ $waited -lt 240 ] || { echo "the host was not healthy after 120 s; see $log" >&2; return 1; }
    sleep 0.5
  done
}

# evaluate_world NAME INPUT_FOLDER: a fresh host, the replay, the host stopped.
evaluate_world() {
  local name=$1 input=$2 dir="$out/worlds/$1" started=$SECONDS
  mkdir -p "$dir"
  start_host "$dir"
  if ! dotnet "$cli_dll" evaluate --url "$host_url" --in "$input" --out "$dir" --world "$name" "${features[@]}" > "$dir/evaluate.log" 2>&1; then
    echo "evaluate failed for $name; see $dir/evaluate.log:" >&2; tail -20 "$dir/evaluate.log" >&2
    return 1
  fi
  stop_host
  echo "$name: evaluated in $((SECONDS - started)) s" | tee -a "$timings"
}

started=$SECONDS
if [ $build = 1 ]; then
  echo "building (Release)"
  dotnet build src/Orleans.Distill.Host -c Release --nologo -v quiet > /dev/null
  dotnet build src/Orleans.Distill.Cli -c Release --nologo -v quiet > /dev/null
fi

tune_files=()
test_files=()
real_files=()
for seed in $tune $test; do
  name="seed-$seed"
  dotnet "$cli_dll" simulate --seed "$seed" --accounts "$accounts" --out "$out/worlds/$name/sim" > /dev/null
  evaluate_world "$name" "$out/worlds/$name/sim"
done
for seed in $tune; do tune_files+=("$out/worlds/seed-$seed/evaluation.json"); done
for seed in $test; do test_files+=("$out/worlds/seed-$seed/evaluation.json"); done

for set in ${real//,/ }; do
  [ -d "tests/data/$set" ] || { echo "no real data set tests/data/$set" >&2; exit 2; }
  evaluate_world "$set" "tests/data/$set"
  real_files+=("$out/worlds/$set/evaluation.json")
done

join() { local IFS=,; echo "$*"; }
args=(generalise --tune "$(join "${tune_files[@]}")" --test "$(join "${test_files[@]}")" --out "$out")
[ ${#real_files[@]} -eq 0 ] || args+=(--real "$(join "${real_files[@]}")")
dotnet "$cli_dll" "${args[@]}"
echo "all: $((SECONDS - started)) s ($accounts accounts a world)" | tee -a "$timings"
echo "report: $out/generalisation.md (tables) and $out/generalisation.json; per world: $out/worlds/"
