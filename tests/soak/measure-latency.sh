#!/usr/bin/env bash
# End-to-end latency of a beacon heartbeat, from the advertisement it reports to its commit in the bridge's
# PostgreSQL, on the real chain over loopback: `edgegw run --simulate` (emulated LE controller, N virtual
# beacons) → mosquitto → `edgegw-bridge run` → a private PostgreSQL.
#
# Timestamps used, all from this one machine's wall clock (so differences between processes are valid):
#   lastSeen  HeartbeatItem.LastSeen: the daemon received the advertising report the heartbeat reports
#   at        HeartbeatItem.At: the tracker's collection tick produced the heartbeat (it is then appended)
#   sentAt    UpEnvelope.SentAt: the uplink built the envelope to publish it
#   received  a plain mosquitto_sub on the same topic got the envelope (%U: broker → subscriber)
#   applied   beacons.updated: the bridge's clock when it applied its batch (transaction start)
#   committed PostgreSQL's own commit timestamp of that transaction (track_commit_timestamp=on)
# A trigger on `beacons` (added by this script to its private database only) records which transaction wrote
# which (beacon, lastSeen); the bridge's code is not changed. Items committed in the window after warm-up count.
# Kept in the output directory: report.txt, envelopes.txt (as the subscriber got them), chain.csv (one row per item).
#
# Usage (as root, for runuser postgres): tests/soak/measure-latency.sh [BEACONS=1000] [SECONDS=180] [WARMUP=60]
#   EDGEGW_LATENCY_NO_BUILD=1 uses what is built (Release); EDGEGW_LATENCY_OUT=dir keeps logs and the report
#   (default tests/results/latency); EDGEGW_LATENCY_PG_OPTS adds postgres -c options (default: durable commits).
#   Extra daemon settings: EDGEGW_LATENCY_GATEWAY_SET="Tracking:HeartbeatInterval=00:00:30 ..." (each becomes --set).
# Exit code: 0 measured, 1 the chain did not deliver, 2 cannot run here.
set -euo pipefail

beacons="${1:-1000}"
seconds="${2:-180}"
warmup="${3:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${EDGEGW_LATENCY_OUT:-$root/tests/results/latency}"

[ "$(id -u)" -eq 0 ] || { echo "measure-latency: needs root (runs PostgreSQL as user postgres)" >&2; exit 2; }
for tool in mosquitto mosquitto_sub psql runuser curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "measure-latency: '$tool' is missing" >&2; exit 2; }
done
pgbin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")"
[ -x "$pgbin/initdb" ] || { echo "measure-latency: PostgreSQL server (initdb) is missing: apt-get install postgresql" >&2; exit 2; }
mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
edgegw="$root/edge/EdgeGateway.Edge/bin/Release/net10.0/edgegw"
bridge_bin="$root/cloud-bridge/EdgeGateway.CloudBridge/bin/Release/net10.0/edgegw-bridge"
if [ "${EDGEGW_LATENCY_NO_BUILD:-0}" != 1 ] || [ ! -x "$edgegw" ] || [ ! -x "$bridge_bin" ]; then
  for project in edge/EdgeGateway.Edge cloud-bridge/EdgeGateway.CloudBridge; do
    dotnet build "$root/$project" -c Release -nologo -clp:ErrorsOnly >/dev/null
  done
fi

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d /tmp/edgegw-latency.XXXXXX)"
chmod 755 "$work"
broker_port=$((21000 + RANDOM % 9000))
api_port=$((broker_port + 1))
pg_port=$((broker_port + 2))
page_port=$((broker_port + 3))
token="latency-$(date +%s)-0123456789abcdef"
report="$out/report.txt"

gateway_pid=""; broker_pid=""; bridge_pid=""; sub_pid=""
cleanup() {
  set +e
  for pid in "$gateway_pid" "$bridge_pid" "$sub_pid" "$broker_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
  done
  wait 2>/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

say() { echo "$*" | tee -a "$report"; }
psql_q() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d fleet -Atq -F ' ' -v ON_ERROR_STOP=1 -c "$1"; }

# --- PostgreSQL: durable commits as in production (fsync on), plus commit timestamps ----------------------------
mkdir -p "$work/pg"
chown postgres "$work/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$out/initdb.log" 2>&1
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c track_commit_timestamp=on ${EDGEGW_LATENCY_PG_OPTS:-}" start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -c "CREATE DATABASE fleet" >/dev/null

# --- broker, bridge, and a plain subscriber that timestamps each heartbeat envelope ------------------------------
cat >"$work/mosquitto.conf" <<EOF
user root
persistence false
log_dest stderr
log_type error
log_type warning
max_queued_messages 0
listener $broker_port 127.0.0.1
allow_anonymous true
EOF
"$mosquitto" -c "$work/mosquitto.conf" >"$out/broker.log" 2>&1 &
broker_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null && break
  sleep 0.1
done

"$bridge_bin" run --set Mqtt:Host=127.0.0.1 --set "Mqtt:Port=$broker_port" --set Mqtt:ClientId=latency-bridge \
  --set Store:Kind=postgres --set "Store:PostgresConnectionString=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=fleet" \
  --set "Api:Url=http://127.0.0.1:$api_port" --set "Api:Tokens:0=latency-bridge-0123456789abcdef" >"$out/bridge.log" 2>&1 &
bridge_pid=$!
for _ in $(seq 600); do
  [ "$(psql_q "SELECT to_regclass('beacons') IS NOT NULL" 2>/dev/null)" = t ] && break
  kill -0 "$bridge_pid" 2>/dev/null || { echo "measure-latency: the bridge exited:" >&2; tail -20 "$out/bridge.log" >&2; exit 1; }
  sleep 0.1
done

# Which transaction wrote which (beacon, lastSeen). Only in this private database; the bridge does not know of it.
psql_q "
CREATE TABLE latency_probe (beacon_id text NOT NULL, heartbeat timestamptz, applied timestamptz NOT NULL, xid bigint NOT NULL);
CREATE FUNCTION latency_probe_row() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
  INSERT INTO latency_probe VALUES (NEW.beacon_id, NEW.heartbeat, NEW.updated, txid_current());
  RETURN NULL;
END \$\$;
CREATE TRIGGER latency_probe AFTER INSERT OR UPDATE ON beacons FOR EACH ROW EXECUTE FUNCTION latency_probe_row();"

mosquitto_sub -h 127.0.0.1 -p "$broker_port" -q 1 -i latency-observer -t 'gw/v1/+/up/heartbeats' -F '%U %p' >"$work/envelopes.txt" 2>"$out/sub.log" &
sub_pid=$!

# --- the gateway ------------------------------------------------------------------------------------------------
extra=()
for setting in ${EDGEGW_LATENCY_GATEWAY_SET:-}; do extra+=(--set "$setting"); done
"$edgegw" run --simulate --set "Gateway:DataDirectory=$work/gwdata" \
  --set "Diagnostics:Port=$page_port" --set "Diagnostics:MetricsToken=$token" \
  --set Uplink:Host=127.0.0.1 --set "Uplink:Port=$broker_port" --set Uplink:UseTls=false \
  --set "Scanning:SimulatedBeacons=$beacons" --set "Tracking:MaxBeacons=$((beacons * 2))" "${extra[@]}" >"$out/gateway.log" 2>&1 &
gateway_pid=$!

metric() {
  curl -s -m 2 -H "Authorization: Bearer $token" "http://127.0.0.1:$page_port/metrics" 2>/dev/null | awk -v n="$1" '$1==n {v=$2} END {print v+0}'
}

: >"$report"
say "measure-latency: $beacons beacons, ${warmup}s warm-up, ${seconds}s measured, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/') (at start)"
sleep "$warmup"
kill -0 "$gateway_pid" 2>/dev/null || { echo "measure-latency: edgegw exited:" >&2; tail -20 "$out/gateway.log" >&2; exit 1; }
from="$(psql_q "SELECT clock_timestamp()")"
sleep "$seconds"
to="$(psql_q "SELECT clock_timestamp()")"
say "machine: $(uptime | sed 's/.*load/load/') (at end)"
say "gateway: $(metric edgegw_radio_reports_total) reports, $(metric edgegw_beacons_tracked) beacons tracked, $(metric edgegw_uplink_published_total) envelopes published"
# Let what was committed in the window reach the subscriber's file, then stop publishing.
sleep 2
kill "$gateway_pid" 2>/dev/null; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=""
sleep 1
kill "$sub_pid" 2>/dev/null; wait "$sub_pid" 2>/dev/null || true; sub_pid=""
kill "$bridge_pid" 2>/dev/null; wait "$bridge_pid" 2>/dev/null || true; bridge_pid=""

# --- the join and the distribution, in SQL --------------------------------------------------------------------------
psql_q "CREATE TABLE latency_envelopes (line text NOT NULL)"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d fleet -q -v ON_ERROR_STOP=1 \
  -c "\\copy latency_envelopes FROM '$work/envelopes.txt' WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d fleet -q -v ON_ERROR_STOP=1 -P footer=off -f - <<SQL | tee -a "$report"
CREATE TEMP TABLE item AS
  SELECT to_timestamp(split_part(line, ' ', 1)::numeric) AS received, (e.payload->>'sentAt')::timestamptz AS sent_at,
         i.value->>'beaconId' AS beacon_id, i.value->>'reason' AS reason,
         (i.value->>'lastSeen')::timestamptz AS last_seen, (i.value->>'at')::timestamptz AS at,
         -- VirtualStore makes beacon i (the address's low 24 bits) a walker when i % 7 = 3: heard 20 s, silent 15 s.
         ('x' || replace(substr(i.value->>'address', 10, 8), ':', ''))::bit(24)::int % 7 = 3 AS walker
  FROM latency_envelopes, LATERAL (SELECT substr(line, strpos(line, ' ') + 1)::jsonb AS payload) e,
       LATERAL jsonb_array_elements(e.payload->'items') i;
CREATE TEMP TABLE stored AS
  SELECT beacon_id, heartbeat, min(applied) AS applied,
         min(pg_xact_commit_timestamp((xid % 4294967296)::text::xid)) AS committed
  FROM latency_probe GROUP BY beacon_id, heartbeat;
CREATE INDEX ON stored (beacon_id, heartbeat);
-- Npgsql stores microseconds truncated, PostgreSQL parses the JSON's 100 ns digits rounded: match within 1 µs.
CREATE TEMP TABLE chain AS
  SELECT i.*, s.applied, s.committed
  FROM item i JOIN stored s ON s.beacon_id = i.beacon_id
   AND s.heartbeat BETWEEN i.last_seen - interval '1 microsecond' AND i.last_seen + interval '1 microsecond'
  WHERE s.committed BETWEEN '$from' AND '$to';
\copy chain TO '$work/chain.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE piece (ord int, name text, ms double precision);
-- A walker's periodic heartbeat sent while it is away reports an advertisement up to 15 s old: that is the
-- beacon's silence, not the chain's delay, so the pieces below count the beacons heard all along.
CREATE TEMP VIEW heard AS SELECT * FROM chain WHERE NOT walker;
INSERT INTO piece SELECT 1, 'a  advertisement heard -> heartbeat produced (at - lastSeen)', extract(epoch FROM at - last_seen) * 1000 FROM heard;
INSERT INTO piece SELECT 2, 'b  produced -> envelope published (sentAt - at)', extract(epoch FROM sent_at - at) * 1000 FROM heard;
INSERT INTO piece SELECT 3, 'c  published -> committed in PostgreSQL (committed - sentAt)', extract(epoch FROM committed - sent_at) * 1000 FROM heard;
INSERT INTO piece SELECT 4, '   c1 published -> at an outside subscriber (received - sentAt)', extract(epoch FROM received - sent_at) * 1000 FROM heard;
INSERT INTO piece SELECT 5, '   c2 published -> bridge applies its batch (applied - sentAt)', extract(epoch FROM applied - sent_at) * 1000 FROM heard;
INSERT INTO piece SELECT 6, '   c3 applied -> committed (committed - applied)', extract(epoch FROM committed - applied) * 1000 FROM heard;
INSERT INTO piece SELECT 7, 'end to end: advertisement -> committed (committed - lastSeen)', extract(epoch FROM committed - last_seen) * 1000 FROM heard;
INSERT INTO piece SELECT 8, 'end to end, reason ' || reason, extract(epoch FROM committed - last_seen) * 1000 FROM heard;
INSERT INTO piece SELECT 9, 'end to end, walkers included (their silence counted)', extract(epoch FROM committed - last_seen) * 1000 FROM chain;
\echo
\echo heartbeats in the envelopes seen / committed in the window and matched to their envelope (of them walkers):
SELECT (SELECT count(*) FROM item) AS in_envelopes, (SELECT count(*) FROM chain) AS matched_in_window,
       (SELECT count(*) FROM chain WHERE walker) AS walkers,
       (SELECT count(DISTINCT (beacon_id, heartbeat)) FROM latency_probe) AS distinct_rows_written;
\echo
\echo latency in ms (same machine, same wall clock):
SELECT name AS piece, count(*) AS n,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p50,
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p90,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p99,
       round(max(ms)::numeric, 1) AS max
FROM piece GROUP BY ord, name ORDER BY ord, name;
SQL
cp "$work/envelopes.txt" "$work/chain.csv" "$out/"
say "window: $from .. $to (commit times); report: $report"
[ "$(grep -c . "$work/envelopes.txt" 2>/dev/null || echo 0)" -gt 0 ] || { echo "measure-latency: no heartbeat envelope was seen" >&2; exit 1; }
