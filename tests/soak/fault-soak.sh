#!/usr/bin/env bash
# Fault soak of the whole chain: a simulated store (`edgegw run --simulate`, N virtual beacons, its emulated NFC
# reader) in its own network namespace, publishing over a veth link to mosquitto, consumed by `edgegw-bridge run`
# into a private PostgreSQL, while faults are injected on a schedule:
#   - the daemon SIGKILLed at random moments and restarted (55 per 30 min),
#   - the broker restarted (22 per 30 min; persistence on),
#   - the bridge SIGKILLed and restarted (6 per 30 min),
#   - the gateway cut off from the broker: veth link down (10 % of the run), then a starved link (tc tbf at
#     16 kbit/s with a 2 s queue: latency and drops; sch_netem is not in this kernel, see docs/RELIABILITY.md),
#   - the gateway's data directory (its own tmpfs) filled to the last byte for a while, then freed,
#   - the wall clock stepped forward 2 h under the running daemon (libfaketime, this process tree only; the
#     machine's clock is never touched) and back at its next restart.
# Then everything is healed and the verdict is taken per stream: numbered at the gateway (its outbox's next seq,
# minus what its full policy shed) vs stored by the bridge (PostgreSQL `streams`): 0 lost, 0 duplicated,
# no open gap; the daemon's RSS/CPU sampled over the run stay flat; the daemon never ended in a crash loop and
# never hung (alive but its own metrics page silent for 15 s).
#
# Usage (as root: namespaces, veth, tmpfs): tests/soak/fault-soak.sh [SECONDS=180] [BEACONS=2000]
#   EDGEGW_SOAK_CONFIGURATION=Release|Debug (default Release), EDGEGW_SOAK_NO_BUILD=1 to use what is built
#   EDGEGW_SOAK_OUT=dir (default tests/results/soak) keeps logs, samples and the verdict.
#   EDGEGW_SOAK_SHARED_GROUP= (empty) makes the bridge subscribe plainly instead of in the shared group edgegw-bridge.
#   EDGEGW_SOAK_SKIP="disk-full clock ..." leaves out faults (names: kill broker bridge cut starve disk-full clock).
# Exit code: 0 verdict passed, 1 failed, 2 cannot run here.
set -euo pipefail

seconds="${1:-180}"
beacons="${2:-2000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
configuration="${EDGEGW_SOAK_CONFIGURATION:-Release}"
out="${EDGEGW_SOAK_OUT:-$root/tests/results/soak}"

[ "$(id -u)" -eq 0 ] || { echo "fault-soak: needs root (network namespace, veth, tmpfs)" >&2; exit 2; }
for tool in ip tc mosquitto curl psql runuser; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "fault-soak: '$tool' is missing" >&2; exit 2; }
done
pgbin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")"
[ -x "$pgbin/initdb" ] || { echo "fault-soak: PostgreSQL server (initdb) is missing: apt-get install postgresql" >&2; exit 2; }
mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
faketime_lib="$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
edgegw="$root/edge/EdgeGateway.Edge/bin/$configuration/net10.0/edgegw"
bridge_bin="$root/cloud-bridge/EdgeGateway.CloudBridge/bin/$configuration/net10.0/edgegw-bridge"
inspect="$root/tests/EdgeGateway.OutboxDriver/bin/$configuration/net10.0/EdgeGateway.OutboxDriver"
if [ "${EDGEGW_SOAK_NO_BUILD:-0}" != 1 ] || [ ! -x "$edgegw" ] || [ ! -x "$bridge_bin" ] || [ ! -x "$inspect" ]; then
  for project in edge/EdgeGateway.Edge cloud-bridge/EdgeGateway.CloudBridge tests/EdgeGateway.OutboxDriver; do
    dotnet build "$root/$project" -c "$configuration" -nologo -clp:ErrorsOnly >/dev/null
  done
fi

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d /tmp/edgegw-soak.XXXXXX)"
chmod 755 "$work"
tag="egs$$"
ns="$tag"
host_if="${tag}h"
ns_if="${tag}g"
subnet=$((RANDOM % 200 + 20))
host_ip="10.231.$subnet.1"
gw_ip="10.231.$subnet.2"
broker_port=$((21000 + RANDOM % 9000))
api_port=$((broker_port + 1))
pg_port=$((broker_port + 2))
page_port=$((broker_port + 3))
token="soak-$(date +%s)-0123456789abcdef"
bridge_token="soak-bridge-0123456789abcdef"
data="$work/gwdata"
events="$out/events.log"
samples="$out/samples.txt"
verdict="$out/verdict.txt"

log() { echo "$(date -u +%H:%M:%S) $*" | tee -a "$events"; }

gateway_pid=""; broker_pid=""; bridge_pid=""
cleanup() {
  set +e
  for pid in "$gateway_pid" "$bridge_pid" "$broker_pid"; do
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  done
  wait 2>/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1
  ip link del "$host_if" 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  umount "$data" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# --- network: the gateway lives behind its own veth link ------------------------------------------------------
ip netns add "$ns"
ip link add "$host_if" type veth peer name "$ns_if"
ip link set "$ns_if" netns "$ns"
ip addr add "$host_ip/30" dev "$host_if"
ip link set "$host_if" up
ip -n "$ns" addr add "$gw_ip/30" dev "$ns_if"
ip -n "$ns" link set "$ns_if" up
ip -n "$ns" link set lo up

# --- the gateway's data directory: a small filesystem of its own, so "disk full" is real and harms no one ------
mkdir -p "$data"
mount -t tmpfs -o size=256m,mode=0755 tmpfs "$data"

# --- PostgreSQL for the bridge ----------------------------------------------------------------------------------
mkdir -p "$work/pg"
chown postgres "$work/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$out/initdb.log" 2>&1
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
psql_q() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d fleet -Atq -F ' ' -c "$1"; }
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -c "CREATE DATABASE fleet" >/dev/null

# --- the three processes -----------------------------------------------------------------------------------------
cat >"$work/mosquitto.conf" <<EOF
user root
persistence true
persistence_location $work/
autosave_interval 5
log_dest stderr
log_type error
log_type warning
max_queued_messages 0
listener $broker_port 127.0.0.1
allow_anonymous true
listener $broker_port $host_ip
allow_anonymous true
EOF

start_broker() {
  "$mosquitto" -c "$work/mosquitto.conf" >>"$out/broker.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null && return 0
    sleep 0.1
  done
  log "broker did not listen"; return 1
}

start_bridge() {
  "$bridge_bin" run --set Mqtt:Host=127.0.0.1 --set "Mqtt:Port=$broker_port" --set Mqtt:ClientId=soak-bridge \
    --set Mqtt:ReconnectDelayMs=200 --set "Mqtt:SharedGroup=${EDGEGW_SOAK_SHARED_GROUP-edgegw-bridge}" --set Store:Kind=postgres \
    --set "Store:PostgresConnectionString=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=fleet" \
    --set "Api:Url=http://127.0.0.1:$api_port" --set "Api:Tokens:0=$bridge_token" >>"$out/bridge.log" 2>&1 &
  bridge_pid=$!
}

echo "+0" >"$work/clock"
gateway_starts=0
start_gateway() {
  local preload=() load=(--set "Scanning:SimulatedBeacons=$beacons" --set "Tracking:MaxBeacons=$((beacons * 2))")
  # The final drain run appends nothing new (no beacons, no NFC), so what it numbered is exactly what it delivers.
  [ "${1:-}" = quiet ] && load=(--set Scanning:SimulatedBeacons=0 --set Nfc:Enabled=false)
  if [ -n "$faketime_lib" ]; then
    # The offset file is re-read every second: writing it steps this daemon's clock (wall and monotonic alike:
    # libfaketime cannot keep .NET's sleeps working with a real monotonic clock, so only forward steps are made
    # live, and backward ones at a restart).
    preload=(env "LD_PRELOAD=$faketime_lib" "FAKETIME_TIMESTAMP_FILE=$work/clock" FAKETIME_CACHE_DURATION=1 FAKETIME_FORCE_MONOTONIC_FIX=1)
  fi
  ip netns exec "$ns" "${preload[@]}" "$edgegw" run --simulate --set "Gateway:DataDirectory=$data" \
    --set "Diagnostics:Port=$page_port" --set "Diagnostics:MetricsToken=$token" \
    --set "Uplink:Host=$host_ip" --set "Uplink:Port=$broker_port" --set Uplink:UseTls=false \
    "${load[@]}" >>"$out/gateway.log" 2>&1 &
  gateway_pid=$!
  gateway_starts=$((gateway_starts + 1))
}

responsive() { ip netns exec "$ns" curl -s -o /dev/null -m 3 -H "Authorization: Bearer $token" "http://127.0.0.1:$page_port/metrics"; }

metric() {
  ip netns exec "$ns" curl -s -m 2 -H "Authorization: Bearer $token" "http://127.0.0.1:$page_port/metrics" 2>/dev/null |
    awk -v n="$1" '$1==n {v=$2} END {print v+0}'
}

start_broker
start_bridge
start_gateway
log "start: ${seconds}s of faults, $beacons beacons, broker :$broker_port, gateway in netns $ns ($gw_ip), data on tmpfs, clock via ${faketime_lib:-nothing (libfaketime missing: no clock step)}"
for _ in $(seq 600); do
  [ "$(metric edgegw_uplink_published_total)" -gt 0 ] 2>/dev/null && break
  sleep 0.1
done

# --- the schedule -------------------------------------------------------------------------------------------------
per30() { local n=$(( ($1 * seconds + 900) / 1800 )); [ "$n" -lt "$2" ] && n=$2; echo "$n"; }
kills=$(per30 55 4); broker_restarts=$(per30 22 2); bridge_kills=$(per30 6 1)
cut_at=$((seconds * 20 / 100)); cut_for=$((seconds / 10))
starve_at=$((seconds * 45 / 100)); starve_for=$((seconds / 10))
full_at=$((seconds * 65 / 100)); full_for=$((seconds / 15 > 10 ? seconds / 15 : 10))
step_at=$((seconds * 85 / 100))
skip=" ${EDGEGW_SOAK_SKIP:-} "
[[ "$skip" == *" kill "* ]] && kills=0
[[ "$skip" == *" broker "* ]] && broker_restarts=0
[[ "$skip" == *" bridge "* ]] && bridge_kills=0
[[ "$skip" == *" cut "* ]] && cut_for=0
[[ "$skip" == *" starve "* ]] && starve_for=0
[[ "$skip" == *" disk-full "* ]] && full_for=0
[[ "$skip" == *" clock "* ]] && step_at=-1
[ "$skip" != "  " ] && log "faults left out:$skip"
every() { [ "$1" -gt 0 ] && echo $((seconds / $1)) || echo "$seconds"; }
next_kill=$((RANDOM % $(every "$kills") + 2)); next_broker=$(( $(every "$broker_restarts") / 2)); next_bridge=$(( $(every "$bridge_kills") / 2 + 3))
done_kills=0; done_broker=0; done_bridge=0; unexpected_exits=0; crash_loop=0; recent_exits=()
silent_checks=0; hangs=0; hang_pid=""
disk_full_until=-1
clk=$(getconf CLK_TCK)
echo "t_s gateway_rss_mib gateway_cpu_pct bridge_rss_mib backlog reports_total gc_heap_mib litedb_cache_mib retained memory_only" >"$samples"
prev_ticks=0; prev_t=0; sampled_pid=""

sample() {
  local t=$1 ticks rss brss
  [ -r "/proc/$gateway_pid/stat" ] || return 0
  ticks=$(awk '{print $14 + $15}' "/proc/$gateway_pid/stat" 2>/dev/null || echo 0)
  rss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$gateway_pid/status" 2>/dev/null || echo 0)
  brss=$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$bridge_pid/status" 2>/dev/null || echo 0)
  local cpu="-"
  if [ "$sampled_pid" = "$gateway_pid" ] && [ "$t" -gt "$prev_t" ]; then
    cpu=$(awk -v a="$prev_ticks" -v b="$ticks" -v c="$clk" -v s="$((t - prev_t))" 'BEGIN {printf "%.0f", (b-a)/c/s*100}')
  fi
  local page
  page="$(ip netns exec "$ns" curl -s -m 2 -H "Authorization: Bearer $token" "http://127.0.0.1:$page_port/metrics" 2>/dev/null || true)"
  pick() { awk -v n="$1" -v d="$2" '$1==n {v=$2} END {printf "%d", (v+0)/d}' <<<"$page"; }
  echo "$t $rss $cpu $brss $(pick edgegw_outbox_backlog_items 1) $(pick edgegw_radio_reports_total 1) $(pick edgegw_gc_heap_bytes 1048576)" \
    "$(pick edgegw_outbox_cache_bytes 1048576) $(pick edgegw_outbox_retained_items 1) $(pick edgegw_outbox_memory_only 1)" >>"$samples"
  sampled_pid=$gateway_pid; prev_ticks=$ticks; prev_t=$t
}

kill_gateway() {
  kill -9 "$gateway_pid" 2>/dev/null || true
  wait "$gateway_pid" 2>/dev/null || true
}

start_s=$(date +%s)
while :; do
  t=$(( $(date +%s) - start_s ))
  [ "$t" -ge "$seconds" ] && break

  # A daemon that died without being killed is an unexpected exit; three within a minute is a crash loop.
  if ! kill -0 "$gateway_pid" 2>/dev/null; then
    wait "$gateway_pid" 2>/dev/null && code=0 || code=$?
    unexpected_exits=$((unexpected_exits + 1))
    recent_exits+=("$t")
    log "gateway exited by itself (code $code)"
    recent=0; for e in "${recent_exits[@]}"; do [ $((t - e)) -le 60 ] && recent=$((recent + 1)); done
    [ "$recent" -ge 3 ] && crash_loop=1
    start_gateway
  fi

  if [ "$t" -ge "$next_kill" ] && [ "$done_kills" -lt "$kills" ] && [ "$disk_full_until" -lt "$t" ]; then
    kill_gateway
    done_kills=$((done_kills + 1))
    if [ "$(cat "$work/clock")" != "+0" ]; then
      echo "+0" >"$work/clock"
      log "gateway SIGKILL #$done_kills; clock stepped back 2 h for its restart"
    else
      log "gateway SIGKILL #$done_kills"
    fi
    sleep "0.$((RANDOM % 10))"
    start_gateway
    next_kill=$((t + $(every "$kills") / 2 + RANDOM % ($(every "$kills") + 1)))
  fi

  if [ "$t" -ge "$next_broker" ] && [ "$done_broker" -lt "$broker_restarts" ]; then
    kill -TERM "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
    sleep "$((RANDOM % 3)).$((RANDOM % 10))"
    start_broker
    done_broker=$((done_broker + 1))
    log "broker restart #$done_broker"
    next_broker=$((t + $(every "$broker_restarts")))
  fi

  if [ "$t" -ge "$next_bridge" ] && [ "$done_bridge" -lt "$bridge_kills" ]; then
    kill -9 "$bridge_pid" 2>/dev/null || true
    wait "$bridge_pid" 2>/dev/null || true
    sleep 1
    start_bridge
    done_bridge=$((done_bridge + 1))
    log "bridge SIGKILL #$done_bridge"
    next_bridge=$((t + $(every "$bridge_kills")))
  fi

  if [ "$t" -ge "$cut_at" ] && [ "$cut_for" -gt 0 ]; then
    ip link set "$host_if" down
    log "link down for ${cut_for}s"
    cut_at=$((t + cut_for)); cut_for=-1
  elif [ "$cut_for" -eq -1 ] && [ "$t" -ge "$cut_at" ]; then
    ip link set "$host_if" up
    log "link up"
    cut_for=0
  fi

  if [ "$t" -ge "$starve_at" ] && [ "$starve_for" -gt 0 ]; then
    tc qdisc add dev "$host_if" root tbf rate 16kbit burst 4kbit latency 2000ms
    ip netns exec "$ns" tc qdisc add dev "$ns_if" root tbf rate 16kbit burst 4kbit latency 2000ms
    log "link starved (tbf 16 kbit/s, 2 s queue, tail drops) for ${starve_for}s"
    starve_at=$((t + starve_for)); starve_for=-1
  elif [ "$starve_for" -eq -1 ] && [ "$t" -ge "$starve_at" ]; then
    tc qdisc del dev "$host_if" root 2>/dev/null || true
    ip netns exec "$ns" tc qdisc del dev "$ns_if" root 2>/dev/null || true
    log "link restored"
    starve_for=0
  fi

  if [ "$t" -ge "$full_at" ] && [ "$full_for" -gt 0 ]; then
    # Fill to the last byte: a big write until ENOSPC, then single bytes.
    dd if=/dev/zero of="$data/filler" bs=1M status=none 2>/dev/null || true
    while printf 'x' >>"$data/filler" 2>/dev/null; do :; done
    log "data directory full ($(df --output=avail -B1 "$data" | tail -1 | tr -d ' ') bytes free) for ${full_for}s"
    disk_full_until=$((t + full_for)); full_at=$disk_full_until; full_for=-1
  elif [ "$full_for" -eq -1 ] && [ "$t" -ge "$full_at" ]; then
    rm -f "$data/filler"
    log "data directory freed (memory_only=$(metric edgegw_outbox_memory_only))"
    full_for=0
  fi

  if [ "$t" -ge "$step_at" ] && [ "$step_at" -ge 0 ] && [ -n "$faketime_lib" ]; then
    echo "+2h" >"$work/clock"
    log "clock stepped forward 2 h under the running daemon"
    step_at=-1
  fi

  # A daemon that is alive but does not answer its own metrics page for 15 s is hung (its page is local to its
  # namespace, so network faults do not count). Counted once per process; the next scheduled kill revives it.
  if [ $((t % 5)) -eq 0 ]; then
    sample "$t"
    if kill -0 "$gateway_pid" 2>/dev/null && ! responsive; then
      silent_checks=$((silent_checks + 1))
      if [ "$silent_checks" -ge 3 ] && [ "$hang_pid" != "$gateway_pid" ]; then
        hangs=$((hangs + 1)); hang_pid=$gateway_pid
        log "gateway HUNG: alive but its metrics page has not answered for 15 s"
      fi
    else
      silent_checks=0
    fi
  fi
  sleep 1
done

# --- heal everything and let the backlog drain --------------------------------------------------------------------
ip link set "$host_if" up
tc qdisc del dev "$host_if" root 2>/dev/null || true
ip netns exec "$ns" tc qdisc del dev "$ns_if" root 2>/dev/null || true
rm -f "$data/filler"
kill -0 "$bridge_pid" 2>/dev/null || start_bridge
log "faults over: $done_kills gateway kills, $done_broker broker restarts, $done_bridge bridge kills; draining"
# Stop the loaded daemon, then run it once more without load until its queue is empty and stop it cleanly: every
# item it ever numbered has then either reached the bridge or been shed by its full policy.
echo "+0" >"$work/clock"
kill -TERM "$gateway_pid" 2>/dev/null || true
wait "$gateway_pid" 2>/dev/null || true
start_gateway quiet
drain_start=$(date +%s)
sleep 3
while [ $(( $(date +%s) - drain_start )) -lt 300 ]; do
  if [ "$(metric edgegw_outbox_backlog_items)" -eq 0 ] && [ "$(metric edgegw_uplink_in_flight)" -eq 0 ] && [ "$(metric edgegw_uplink_connected)" -eq 1 ]; then
    break
  fi
  sleep 1
done
# An empty queue is not the end: items the broker acknowledged but dropped (mosquitto 2.0.11 forgets shared
# subscriptions across a restart) come back only through gap repair, which asks this gateway again every 60 s. A repair
# request that reached a gateway just being killed is answered by the next attempt, so keep the gateway up until the
# bridge has no open gap left (at most 3 minutes: three attempts).
repair_start=$(date +%s)
while [ $(( $(date +%s) - repair_start )) -lt 180 ]; do
  [ "$(psql_q "SELECT coalesce(sum(open_gaps),0) FROM streams")" -eq 0 ] && break
  sleep 2
done
repair_s=$(( $(date +%s) - repair_start ))
if [ "$repair_s" -gt 2 ]; then log "waited ${repair_s}s for gap repair to close the open gaps before the final stop"; fi
kill -TERM "$gateway_pid" 2>/dev/null || true
wait "$gateway_pid" 2>/dev/null || true
gateway_pid=""
drain_s=$(( $(date +%s) - drain_start ))
"$inspect" inspect "$data/outbox.db" >"$out/gateway-streams.txt"
# cmd-result and config-reported leave through the outbox too, but to cmd-result/… and config/reported, not up/…:
# the bridge answers them (gap repair reads the former) and keeps no stream of them, so they have no store count.
is_up_stream() { [ "$1" != cmd-result ] && [ "$1" != config-reported ]; }

for _ in $(seq 120); do
  settled=1
  while read -r stream next shed queued; do
    is_up_stream "$stream" || continue
    hw=$(psql_q "SELECT coalesce(max(high_water),0) FROM streams WHERE stream='$stream'")
    [ "$hw" -ge $((next - 1)) ] || settled=0
  done <"$out/gateway-streams.txt"
  [ "$settled" -eq 1 ] && break
  sleep 1
done
log "drained in ${drain_s}s"

# --- verdict --------------------------------------------------------------------------------------------------------
pass=1
{
  echo "run: ${seconds}s of faults, $beacons beacons; $done_kills gateway SIGKILLs, $done_broker broker restarts, $done_bridge bridge SIGKILLs, $gateway_starts gateway starts"
  echo "stream numbered_at_gateway shed left_on_disk stored_by_bridge high_water open_gaps missing duplicates_dropped lost verdict"
  while read -r stream next shed queued; do
    is_up_stream "$stream" || continue
    numbered=$((next - 1))
    read -r items hw open missing dups <<<"$(psql_q "SELECT coalesce(sum(items),0), coalesce(max(high_water),0), coalesce(sum(open_gaps),0), coalesce(sum(missing),0), coalesce(sum(duplicates),0) FROM streams WHERE stream='$stream'")"
    # left_on_disk: acknowledged rows the daemon trims lazily (information only; the drain run emptied its queue).
    lost=$((numbered - shed - items))
    ok=PASS
    if [ "$lost" -ne 0 ] || [ "$hw" -ne "$numbered" ] || [ "$missing" -ne "$shed" ]; then ok=FAIL; pass=0; fi
    echo "$stream $numbered $shed $queued $items $hw $open $missing $dups $lost $ok"
  done <"$out/gateway-streams.txt"
  echo "unexpected gateway exits: $unexpected_exits; crash loop: $([ "$crash_loop" -eq 1 ] && echo yes || echo no); hung (alive, page silent 15 s): $hangs"
  # Flat memory: the highest RSS of the last third of the samples against the first third's (restarts included).
  # Samples taken in memory-only mode (data directory full) are left out: there the daemon holds new items in memory
  # by design, up to the outbox's limits. Backlog on disk is not left out: it costs no memory (docs/RELIABILITY.md).
  awk 'NR > 1 && $2 > 0 && $10 != 1 {n++; rss[n] = $2; cpu[n] = $3; heap[n] = $7}
       END {
         if (n < 6) { print "rss: too few samples"; exit }
         third = int(n / 3)
         for (i = 1; i <= third; i++) { if (rss[i] > a) a = rss[i]; if (heap[i] > ha) ha = heap[i] }
         for (i = n - third + 1; i <= n; i++) { if (rss[i] > b) b = rss[i]; if (heap[i] > hb) hb = heap[i] }
         for (i = 1; i <= n; i++) if (cpu[i] != "-") { c += cpu[i]; m++; if (cpu[i] > cmax) cmax = cpu[i] }
         printf "gateway rss max first third %d MiB, last third %d MiB (%s; managed heap max %d -> %d MiB); cpu mean %.0f %%, max %d %% of one core over %d samples outside memory-only mode\n",
           a, b, (b <= a * 1.25 + 16) ? "flat" : "GROWING", ha, hb, (m ? c / m : 0), cmax, n
       }' "$samples"
} >"$verdict"
grep -q GROWING "$verdict" && pass=0
[ "$crash_loop" -eq 1 ] && pass=0
[ "$hangs" -gt 0 ] && pass=0
[ -s "$out/gateway-streams.txt" ] || { echo "no outbox streams read" >>"$verdict"; pass=0; }
cat "$verdict"
if [ "$pass" -eq 1 ]; then echo "soak verdict: PASS"; else echo "soak verdict: FAIL (logs in $out)"; exit 1; fi
