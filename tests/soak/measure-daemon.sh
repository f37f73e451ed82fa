#!/usr/bin/env bash
# Measures `edgegw run --simulate` the way docs/PERFORMANCE.md reports it: start-up time to the first
# scanned report, then resident memory and CPU sampled every 5 s while the emulated radio runs N beacons.
# Usage: tests/soak/measure-daemon.sh [beacons=2000] [seconds=600]
# Measure what a gateway runs: EDGEGW_BINARY=path/to/bundle/edgegw (`gatewayctl bundle --rid linux-x64 --out DIR`);
# without it, the Release build of edge/EdgeGateway.Edge (JIT). The runtime environment is the Environment= line of
# firmware/image/systemd/edgegw.service, as systemd would set it (EDGEGW_UNIT_ENV=0 to leave it out).
# EDGEGW_BROKER=1: a private mosquitto on loopback takes the uplink, so the publish path runs too (a gateway online);
# without it the uplink has no broker and the heartbeats stay in the outbox (a gateway offline).
set -euo pipefail

beacons="${1:-2000}"
seconds="${2:-600}"
source "$(dirname "${BASH_SOURCE[0]}")/daemon-harness.sh"
find_edgegw
data="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
token="measure-token-$(date +%s)-0123456789"
log="$data/edgegw.log"
trap 'kill "${pid:-}" "${broker_pid:-}" 2>/dev/null || true; wait "${pid:-}" 2>/dev/null || true; rm -rf "$data"' EXIT
# A signal (timeout's TERM, a closed pipe) must still stop the daemon: turn it into an exit so the EXIT trap runs.
trap 'exit 143' TERM INT HUP PIPE

metric() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics" | awk -v n="$1" '$1==n {print $2}'; }

uplink=()
if [ "${EDGEGW_BROKER:-0}" = 1 ]; then
  find_mosquitto "EDGEGW_BROKER=1 needs mosquitto"
  broker_port=$((port + 1))
  write_private_broker_conf "$data/mosquitto.conf" "$broker_port"
  "$mosquitto" -c "$data/mosquitto.conf" >/dev/null 2>&1 &
  broker_pid=$!
  uplink=(--set Uplink:Host=127.0.0.1 --set "Uplink:Port=$broker_port" --set Uplink:UseTls=false)
  echo "broker: private mosquitto on 127.0.0.1:$broker_port"
fi

unit_env=()
if [ "${EDGEGW_UNIT_ENV:-1}" != 0 ]; then
  read -r -a unit_env <<<"$(sed -n 's/^Environment=//p' "$soak_root/firmware/image/systemd/edgegw.service")"
fi
echo "binary: $binary"
echo "environment from edgegw.service: ${unit_env[*]:-(none)}"

start_ns=$(date +%s%N)
env "${unit_env[@]}" "$binary" run --simulate --set "Gateway:DataDirectory=$data" --set "Diagnostics:Port=$port" \
  --set "Diagnostics:MetricsToken=$token" --set "Scanning:SimulatedBeacons=$beacons" --set "Tracking:MaxBeacons=$((beacons * 2))" "${uplink[@]}" \
  >"$log" 2>&1 &
pid=$!

# Start-up: from exec to the first advertising report counted by the tracker.
until [ "$(metric edgegw_radio_reports_total 2>/dev/null || echo 0)" != "" ] && [ "$(metric edgegw_radio_reports_total)" -gt 0 ] 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "edgegw exited:"; cat "$log"; exit 1; }
  sleep 0.02
done
first_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "start to first scanned report: ${first_ms} ms"

clk=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
anon_kb() { awk '/^RssAnon/ {print $2}' "/proc/$pid/status"; }

t0=$(ticks); r0=$(metric edgegw_radio_reports_total); s0=$(date +%s)
max_rss=0; max_anon=0; samples=0
echo "time_s rss_mib anon_mib gc_heap_mib cpu_pct_of_one_core reports_per_s beacons published"
prev_t=$t0; prev_r=$r0; prev_s=$s0
while [ $(( $(date +%s) - s0 )) -lt "$seconds" ]; do
  sleep 5
  now=$(date +%s); t=$(ticks); r=$(metric edgegw_radio_reports_total); b=$(metric edgegw_beacons_tracked)
  rss=$(rss_kb); anon=$(anon_kb); heap=$(metric edgegw_gc_heap_bytes); published=$(metric edgegw_uplink_published_total)
  [ "$rss" -gt "$max_rss" ] && max_rss=$rss
  [ "$anon" -gt "$max_anon" ] && max_anon=$anon
  cpu=$(awk -v a="$prev_t" -v b="$t" -v c="$clk" -v s="$((now - prev_s))" 'BEGIN {printf "%.1f", (b-a)/c/s*100}')
  rate=$(awk -v a="$prev_r" -v b="$r" -v s="$((now - prev_s))" 'BEGIN {printf "%.0f", (b-a)/s}')
  echo "$((now - s0)) $((rss / 1024)) $((anon / 1024)) $(awk -v h="${heap:-0}" 'BEGIN {printf "%.1f", h/1048576}') $cpu $rate $b ${published:-0}"
  prev_t=$t; prev_r=$r; prev_s=$now
done
total=$(( $(date +%s) - s0 ))
cpu_avg=$(awk -v a="$t0" -v b="$(ticks)" -v c="$clk" -v s="$total" 'BEGIN {printf "%.1f", (b-a)/c/s*100}')
rate_avg=$(awk -v a="$r0" -v b="$(metric edgegw_radio_reports_total)" -v s="$total" 'BEGIN {printf "%.0f", (b-a)/s}')
echo "summary: beacons=$beacons seconds=$total reports_per_s=$rate_avg cpu_avg_pct=$cpu_avg max_rss_mib=$((max_rss / 1024)) max_anon_mib=$((max_anon / 1024)) start_ms=$first_ms"
