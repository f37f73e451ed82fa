#!/usr/bin/env bash
# Memory against backlog across an uplink outage, without kills: `edgegw run --simulate` with N beacons publishing to
# a private mosquitto on loopback; the broker runs UP seconds, is stopped for DOWN seconds (the backlog builds), then
# runs AFTER seconds (the backlog drains). Every 5 s one line: resident memory (VmRSS, RssAnon), the managed heap
# after the last GC, and the outbox's backlog and retained-acknowledged gauges, so RSS can be read against backlog.
# DOWN=0 is a steady run with the broker up throughout.
# Usage: tests/soak/outage-memory.sh [BEACONS=2000] [UP=60] [DOWN=300] [AFTER=300] > samples.txt
#   EDGEGW_OUTAGE_SET="Key=value ..." passes more settings to the daemon (e.g. Tracking:HeartbeatInterval=00:00:05
#   for a backlog ten times as large).
#   EDGEGW_OUTAGE_RESTART_AT="s1 s2 ..." SIGKILLs the daemon at those seconds and starts it again on the same data
#   (what every restart of the fault soak does: the new process starts with the backlog left on disk).
# Build first: dotnet build -c Release edge/EdgeGateway.Edge (or EDGEGW_BINARY=path/to/edgegw)
set -euo pipefail

beacons="${1:-2000}"
up="${2:-60}"
down="${3:-300}"
after="${4:-300}"
source "$(dirname "${BASH_SOURCE[0]}")/daemon-harness.sh"
find_edgegw
find_mosquitto "mosquitto is missing"

work="$(mktemp -d /tmp/edgegw-outage.XXXXXX)"
port=$((20000 + RANDOM % 20000))
broker_port=$((port + 1))
token="outage-token-$(date +%s)-0123456789"
gateway_pid=""; broker_pid=""
cleanup() {
  set +e
  for pid in "$gateway_pid" "$broker_pid"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

write_private_broker_conf "$work/mosquitto.conf" "$broker_port"
start_broker() { "$mosquitto" -c "$work/mosquitto.conf" >/dev/null 2>&1 & broker_pid=$!; }
stop_broker() { kill "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; broker_pid=""; }

extra=()
for setting in ${EDGEGW_OUTAGE_SET:-}; do extra+=(--set "$setting"); done
start_gateway() {
  "$binary" run --simulate --set "Gateway:DataDirectory=$work" --set "Diagnostics:Port=$port" \
    --set "Diagnostics:MetricsToken=$token" --set "Scanning:SimulatedBeacons=$beacons" --set "Tracking:MaxBeacons=$((beacons * 2))" \
    --set Uplink:Host=127.0.0.1 --set "Uplink:Port=$broker_port" --set Uplink:UseTls=false "${extra[@]}" >>"$work/edgegw.log" 2>&1 &
  gateway_pid=$!
}
restarts=" ${EDGEGW_OUTAGE_RESTART_AT:-} "
start_broker
start_gateway

metrics() { curl -s -m 3 -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics" 2>/dev/null || true; }
pick() { awk -v n="$1" '$1==n {v=$2} END {printf "%d", v+0}' <<<"$2"; }
mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }

echo "# beacons=$beacons up=${up}s down=${down}s after=${after}s settings: ${EDGEGW_OUTAGE_SET:-defaults} binary=$binary"
echo "t_s phase rss_mib anon_mib gc_heap_mib gc_committed_mib gen2 litedb_cache_mib backlog backlog_mib retained retained_mib in_flight connected memory_only published"
s0=$(date +%s); phase=up
while :; do
  sleep 5
  kill -0 "$gateway_pid" 2>/dev/null || { echo "edgegw exited:" >&2; tail -20 "$work/edgegw.log" >&2; exit 1; }
  t=$(( $(date +%s) - s0 ))
  if [ "$phase" = up ] && [ "$down" -gt 0 ] && [ "$t" -ge "$up" ]; then stop_broker; phase=down
  elif [ "$phase" = down ] && [ "$t" -ge $((up + down)) ]; then start_broker; phase=after
  fi
  [ "$t" -ge $((up + down + after)) ] && break
  for at in $restarts; do
    if [ "$t" -ge "$at" ]; then
      kill -9 "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true
      echo "# $t: SIGKILL and restart"
      start_gateway; restarts="${restarts/ $at / }"
      sleep 5; t=$(( $(date +%s) - s0 ))
    fi
  done
  m="$(metrics)"
  rss=$(awk '/^VmRSS/ {print $2 * 1024}' "/proc/$gateway_pid/status"); anon=$(awk '/^RssAnon/ {print $2 * 1024}' "/proc/$gateway_pid/status")
  echo "$t $phase $(mib "$rss") $(mib "$anon") $(mib "$(pick edgegw_gc_heap_bytes "$m")") $(mib "$(pick edgegw_gc_committed_bytes "$m")") $(pick edgegw_gc_collections_total "$m") $(mib "$(pick edgegw_outbox_cache_bytes "$m")")" \
    "$(pick edgegw_outbox_backlog_items "$m") $(mib "$(pick edgegw_outbox_backlog_bytes "$m")") $(pick edgegw_outbox_retained_items "$m") $(mib "$(pick edgegw_outbox_retained_bytes "$m")")" \
    "$(pick edgegw_uplink_in_flight "$m") $(pick edgegw_uplink_connected "$m") $(pick edgegw_outbox_memory_only "$m") $(pick edgegw_uplink_published_total "$m")"
done
