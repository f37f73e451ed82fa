#!/usr/bin/env bash
# The disk-full fault of the fault soak, over and over: `edgegw run --simulate` with its data directory on a small
# tmpfs of its own, publishing to a private mosquitto; CYCLES times, it runs RUN seconds, then the directory is filled
# to the last byte for FULL seconds and freed again. The 30-minute soak found one crash a second after such a free
# (LiteDB's transaction finalizer, docs/RELIABILITY.md); one episode per soak is too few to trust a fix, this gives
# many. Checks every second that the daemon is alive, and after each free that it leaves memory-only mode.
# Prints one line per cycle, then "PASS" or "FAIL: why" (exit 1). Needs root (mount).
# Usage: sudo tests/soak/disk-full-cycles.sh [CYCLES=10] [RUN=30] [FULL=30] [BEACONS=2000]
#   Heartbeats every 5 s (not the default 60 s), so every full window sees writes fail. EDGEGW_DISKFULL_SET="Key=value
#   ..." passes more settings; EDGEGW_DISKFULL_KEEP=1 keeps the daemon's log.
# Build first: dotnet build -c Release edge/EdgeGateway.Edge (or EDGEGW_BINARY=path/to/edgegw)
set -euo pipefail

cycles="${1:-10}"
run_for="${2:-30}"
full_for="${3:-30}"
beacons="${4:-2000}"
source "$(dirname "${BASH_SOURCE[0]}")/daemon-harness.sh"
find_edgegw
find_mosquitto "mosquitto is missing"
[ "$(id -u)" -eq 0 ] || { echo "needs root: the data directory is a tmpfs mounted for the run" >&2; exit 2; }

work="$(mktemp -d /tmp/edgegw-diskfull.XXXXXX)"
data="$work/data"
mkdir -p "$data"
mount -t tmpfs -o size=64m,mode=0755 tmpfs "$data"
port=$((20000 + RANDOM % 20000))
broker_port=$((port + 1))
token="diskfull-token-$(date +%s)-0123456789"
gateway_pid=""; broker_pid=""
extra=()
for setting in Tracking:HeartbeatInterval=00:00:05 ${EDGEGW_DISKFULL_SET:-}; do extra+=(--set "$setting"); done
cleanup() {
  set +e
  for pid in "$gateway_pid" "$broker_pid"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  umount -l "$data"
  [ -n "${EDGEGW_DISKFULL_KEEP:-}" ] && echo "log kept in $work/edgegw.log" >&2 || rm -rf "$work"
}
trap cleanup EXIT

write_private_broker_conf "$work/mosquitto.conf" "$broker_port"
"$mosquitto" -c "$work/mosquitto.conf" >/dev/null 2>&1 & broker_pid=$!
"$binary" run --simulate --set "Gateway:DataDirectory=$data" --set "Diagnostics:Port=$port" \
  --set "Diagnostics:MetricsToken=$token" --set "Scanning:SimulatedBeacons=$beacons" --set "Tracking:MaxBeacons=$((beacons * 2))" \
  --set Uplink:Host=127.0.0.1 --set "Uplink:Port=$broker_port" --set Uplink:UseTls=false "${extra[@]}" >>"$work/edgegw.log" 2>&1 &
gateway_pid=$!

metric() { curl -s -m 3 -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics" 2>/dev/null | awk -v n="$1" '$1==n {v=$2} END {printf "%d", v+0}'; }
fail() { echo "FAIL: $*"; grep -n -A8 "Unhandled exception" "$work/edgegw.log" | head -20; tail -15 "$work/edgegw.log"; exit 1; }
# Sleeps N seconds, checking every second that the daemon is still there.
watch_for() {
  for _ in $(seq 1 "$1"); do
    sleep 1
    if ! kill -0 "$gateway_pid" 2>/dev/null; then
      status=0; wait "$gateway_pid" || status=$?
      fail "edgegw exited with $status in cycle $cycle"
    fi
  done
}

echo "# cycles=$cycles run=${run_for}s full=${full_for}s beacons=$beacons binary=$binary"
entered=0
echo "cycle free_bytes_when_full memory_only_when_full seconds_to_leave_memory_only published_total"
for cycle in $(seq 1 "$cycles"); do
  watch_for "$run_for"
  # Fill to the last byte: a big write until ENOSPC, then single bytes.
  dd if=/dev/zero of="$data/filler" bs=1M status=none 2>/dev/null || true
  while printf 'x' >>"$data/filler" 2>/dev/null; do :; done
  free_bytes=$(df --output=avail -B1 "$data" | tail -1 | tr -d ' ')
  watch_for "$full_for"
  memory_only_full=$(metric edgegw_outbox_memory_only)
  rm -f "$data/filler"
  left=""
  for s in $(seq 1 60); do
    watch_for 1
    [ "$(metric edgegw_outbox_memory_only)" = 0 ] && { left=$s; break; }
  done
  [ -n "$left" ] || fail "still in memory-only mode 60 s after the disk was freed (cycle $cycle)"
  [ "$memory_only_full" = 1 ] && entered=$((entered + 1))
  echo "$cycle $free_bytes $memory_only_full $left $(metric edgegw_uplink_published_total)"
done
unhandled=$(grep -c "Unhandled exception" "$work/edgegw.log" || true)
[ "$unhandled" -eq 0 ] || fail "$unhandled unhandled exceptions in the log"
[ "$entered" -gt 0 ] || fail "the outbox never entered memory-only mode: no write met the full disk"
echo "PASS: $cycles disk-full cycles ($entered in memory-only mode while full); the daemon never exited and was back on disk after every free"
