#!/usr/bin/env bash
# Public peers measured in the same run as our code, with the ratio (issue 11, docs/PERFORMANCE.md).
#
#   tests/peers/run.sh [mqtt|ble|all]          (default all)
#
# mqtt: our uplink's publish path (MQTTnet, `peers mqtt-publish` of tests/EdgeGateway.Benchmarks) against
#       mosquitto_pub -l (Debian mosquitto-clients, libmosquitto) and mqtt.js (npm `mqtt`, pinned in
#       tests/peers/mqtt-js/package.json), each publishing the same up/heartbeats envelope at QoS 1 over
#       MQTT 5 with at most 8 publishes awaiting PUBACK, to one private mosquitto on 127.0.0.1. Two payloads:
#       a full uplink batch (56 KiB of heartbeat items) and a one-item envelope.
# ble:  our AD decoder (AdvertisementDecoder.Decode, `peers ble-decode`) against advlib-ble with its
#       manufacturer and service-data processors (npm, pinned in tests/peers/ble-advlib/package.json), both on
#       the advertising data of tests/peers/ble-vectors.hex (iBeacon, Eddystone UID/URL/TLM, Ruuvi RAWv2),
#       one thread each, reports decoded per second. Each side is given enough rounds to run about 1-3 s.
#
# Knobs (environment): PEER_RUNS (3; the median is reported), PEER_BATCH_COUNT (20000),
# PEER_SINGLE_COUNT (100000), PEER_IN_FLIGHT (8), PEER_BLE_ROUNDS (2000000 for ours, a hundredth for
# advlib-ble; 5 reports a round). Each run is bounded: a side that takes longer than
# PEER_TIMEOUT seconds (300) fails the script. Only loopback traffic; every process started here is
# stopped on exit.
# Installs what it needs (apt mosquitto + mosquitto-clients, npm ci of the pinned peers) and exits
# non-zero with the reason when a peer cannot be installed or run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
peers="$root/tests/peers"
what="${1:-all}"
runs="${PEER_RUNS:-3}"
batch_count="${PEER_BATCH_COUNT:-20000}"
single_count="${PEER_SINGLE_COUNT:-100000}"
in_flight="${PEER_IN_FLIGHT:-8}"
timeout_s="${PEER_TIMEOUT:-300}"
ble_rounds="${PEER_BLE_ROUNDS:-2000000}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case "$what" in mqtt | ble | all) ;; *)
  echo "usage: tests/peers/run.sh [mqtt|ble|all]" >&2
  exit 2
  ;;
esac

fail() {
  echo "peers: $*" >&2
  exit 1
}

work="$(mktemp -d /tmp/egw-peers-XXXXXX)"
broker_pid=""
cleanup() {
  if [ -n "$broker_pid" ]; then
    kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

need_apt() { # command package
  command -v "$1" >/dev/null && return 0
  echo "== installing Debian package $2 (for $1)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >"$work/apt.log" 2>&1 ||
    fail "cannot install Debian package $2 (needed for $1): $(tail -3 "$work/apt.log" | tr '\n' ' ')"
  command -v "$1" >/dev/null || fail "Debian package $2 installed but $1 is still not on PATH"
}

npm_peer() { # folder under tests/peers
  command -v node >/dev/null || need_apt node nodejs
  command -v npm >/dev/null || need_apt npm npm
  echo "== npm ci in tests/peers/$1 (pinned peer)"
  (cd "$peers/$1" && npm ci --no-audit --no-fund --loglevel=error) >"$work/npm-$1.log" 2>&1 ||
    fail "cannot install the npm peer in tests/peers/$1: $(grep -m3 -iE 'err' "$work/npm-$1.log" | tr '\n' ' ')"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g (ours/peer %.3g)", a / b, b / a }'; }

echo "== machine: $(nproc) cores, $(uname -m), $(. /etc/os-release && echo "$PRETTY_NAME"), load:$(uptime | sed 's/.*load average//')"
echo "== building tests/EdgeGateway.Benchmarks (Release)"
dotnet build -c Release "$root/tests/EdgeGateway.Benchmarks" -nologo -clp:ErrorsOnly >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; fail "build of tests/EdgeGateway.Benchmarks failed"; }
ours="$root/tests/EdgeGateway.Benchmarks/bin/Release/net10.0/EdgeGateway.Benchmarks"
[ -x "$ours" ] || fail "built, but $ours is missing"

# Every side prints one line "<name> ... msg_per_s=N mb_per_s=N" (or reports_per_s=N); results.tsv collects them.
results="$work/results.tsv"
: >"$results"
record() { # case side line
  echo "   $1 $3"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$(echo "$3" | field "$4")" "$(echo "$3" | field cpu_us_per_msg)" >>"$results"
}

# The client's own CPU (user + system, the whole process: for ours and mqtt.js that includes starting the
# runtime) is load-proof where the wall clock is not; it is appended to the side's line as cpu_s=N.
cpu_field() { awk '{ printf "cpu_s=%.2f", $1 + $2 }' "$work/cpu"; }
cpu_timed() {
  local out
  out="$(/usr/bin/time -f '%U %S' -o "$work/cpu" timeout "$timeout_s" "$@")" || return 1
  echo "$out $(cpu_field)"
}

summarise() { # case metric ours peer...
  local case="$1" metric="$2" ours_side="$3" base base_cpu
  shift 3
  base="$(column_median "$case" "$ours_side" 3)"
  base_cpu="$(column_median "$case" "$ours_side" 4)"
  printf '%-14s %-16s median %12s %s%s\n' "$case" "$ours_side" "$base" "$metric" "${base_cpu:+, $base_cpu µs CPU per message}"
  for side in "$@"; do
    local value cpu
    value="$(column_median "$case" "$side" 3)"
    cpu="$(column_median "$case" "$side" 4)"
    printf '%-14s %-16s median %12s %s   peer/ours %s%s\n' "$case" "$side" "$value" "$metric" "$(ratio "$value" "$base")" \
      "${cpu:+; $cpu µs CPU per message, peer/ours $(ratio "$cpu" "$base_cpu")}"
  done
}
column_median() { # case side column; empty when the side has no such figure
  awk -F'\t' -v c="$1" -v s="$2" -v k="$3" '$1 == c && $2 == s && $k != "" { print $k }' "$results" | median
}

run_mqtt() {
  need_apt mosquitto mosquitto
  need_apt mosquitto_pub mosquitto-clients
  npm_peer mqtt-js
  [ -x /usr/bin/time ] || need_apt /usr/bin/time time
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    shuf -i 20000-60000 -n 1)"
  {
    [ "$(id -u)" -eq 0 ] && echo "user root"
    echo "persistence false"
    echo "log_dest stderr"
    echo "log_type error"
    echo "log_type warning"
    echo "listener $port 127.0.0.1"
    echo "allow_anonymous true"
  } >"$work/mosquitto.conf"
  mosquitto -c "$work/mosquitto.conf" 2>"$work/mosquitto.log" &
  broker_pid=$!
  for _ in $(seq 50); do
    mosquitto_pub -h 127.0.0.1 -p "$port" -t edgegw/peer-bench/probe -n 2>/dev/null && break
    sleep 0.1
  done
  mosquitto_pub -h 127.0.0.1 -p "$port" -t edgegw/peer-bench/probe -n ||
    fail "mosquitto did not start on 127.0.0.1:$port: $(cat "$work/mosquitto.log")"
  echo "== mosquitto $(mosquitto -h 2>&1 | sed -n 's/.*version \([0-9.]*\).*/\1/p;q') on 127.0.0.1:$port," \
    "mosquitto_pub $(mosquitto_pub --help 2>&1 | sed -n 's/.*version \([0-9.]*\) running.*/\1/p')," \
    "mqtt.js $(node -p "require('$peers/mqtt-js/node_modules/mqtt/package.json').version"), node $(node --version)"

  local topic=edgegw/peer-bench/up/heartbeats
  for kind in batch single; do
    local payload="$work/$kind.json" count
    "$ours" peers mqtt-payload "$kind" "$payload" || fail "could not write the $kind payload"
    [ "$kind" = batch ] && count="$batch_count" || count="$single_count"
    echo "== $kind payload: $(stat -c %s "$payload") bytes, $count messages per side, QoS 1, MQTT 5, $in_flight in flight, $runs runs"
    for run in $(seq "$runs"); do
      # The order rotates so that no side always runs first (or last) on a shared machine.
      local sides=(mqttnet mosquitto_pub mqtt.js)
      local shift_by=$(((run - 1) % 3))
      for side in "${sides[@]:$shift_by}" "${sides[@]:0:$shift_by}"; do
        local line
        case "$side" in
        mqttnet)
          line="$(cpu_timed "$ours" peers mqtt-publish 127.0.0.1 "$port" "$payload" "$count" "$in_flight")" ||
            fail "our side (MQTTnet) failed or timed out"
          ;;
        mqtt.js)
          line="$(cpu_timed node "$peers/mqtt-js/publish.mjs" 127.0.0.1 "$port" "$payload" "$count" "$in_flight")" ||
            fail "mqtt.js failed or timed out"
          ;;
        mosquitto_pub)
          # One message per stdin line; `yes` repeats the one-line payload. Timed as a whole process
          # (start, connect, publish, last PUBACK, disconnect): it has no clock of its own.
          local start end status
          start="$(date +%s%N)"
          set +o pipefail
          yes -- "$(cat "$payload")" | head -n "$count" |
            /usr/bin/time -f '%U %S' -o "$work/cpu" timeout "$timeout_s" mosquitto_pub -h 127.0.0.1 -p "$port" -V mqttv5 -q 1 -M "$in_flight" -l \
              -i peer-bench-mosquitto-pub -t "$topic" -D publish content-type application/json
          status=("${PIPESTATUS[@]}")
          set -o pipefail
          end="$(date +%s%N)"
          [ "${status[2]}" -eq 0 ] || fail "mosquitto_pub exited with ${status[2]}"
          line="$(awk -v n="$count" -v b="$(stat -c %s "$payload")" -v ns="$((end - start))" 'BEGIN {
            s = ns / 1e9; printf "mosquitto_pub messages=%d payload_bytes=%d seconds=%.3f msg_per_s=%.0f mb_per_s=%.1f", n, b, s, n / s, n * b / s / 1e6 }')"
          line="$line $(cpu_field)"
          ;;
        esac
        line="$line cpu_us_per_msg=$(echo "$line" | awk -v n="$count" '{ sub(/.*cpu_s=/, ""); printf "%.1f", $1 * 1e6 / n }')"
        record "mqtt-$kind" "$side" "$line" msg_per_s
      done
    done
  done
  kill "$broker_pid"
  wait "$broker_pid" 2>/dev/null || true
  broker_pid=""
}

run_ble() {
  npm_peer ble-advlib
  local vectors="$peers/ble-vectors.hex" peer_rounds=$((ble_rounds / 100 > 0 ? ble_rounds / 100 : 1))
  echo "== BLE decode: $(grep -cv '^#' "$vectors") vectors, advlib-ble $(node -p "require('$peers/ble-advlib/node_modules/advlib-ble/package.json').version")" \
    "(+ manufacturers $(node -p "require('$peers/ble-advlib/node_modules/advlib-ble-manufacturers/package.json').version")," \
    "services $(node -p "require('$peers/ble-advlib/node_modules/advlib-ble-services/package.json').version")), node $(node --version), $runs runs"
  for run in $(seq "$runs"); do
    local line
    line="$(timeout "$timeout_s" "$ours" peers ble-decode "$vectors" "$ble_rounds")" || fail "our side (ble-decode) failed or timed out"
    record ble-decode ours "$line" reports_per_s
    line="$(timeout "$timeout_s" node "$peers/ble-advlib/decode.mjs" "$vectors" "$peer_rounds")" || fail "advlib-ble failed or timed out"
    record ble-decode advlib-ble "$line" reports_per_s
  done
}

[ "$what" = ble ] || run_mqtt
[ "$what" = mqtt ] || run_ble

echo "== load after:$(uptime | sed 's/.*load average//')"
echo "== medians (throughput peer/ours > 1: the peer is faster; CPU peer/ours > 1: the peer uses more)"
if [ "$what" != ble ]; then
  summarise mqtt-batch msg/s mqttnet mosquitto_pub mqtt.js
  summarise mqtt-single msg/s mqttnet mosquitto_pub mqtt.js
fi
[ "$what" = mqtt ] || summarise ble-decode reports/s ours advlib-ble
