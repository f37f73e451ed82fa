# Sourced by the single-daemon scripts of tests/soak (measure-daemon, outage-memory, disk-full-cycles): where the
# edgegw under test is, where mosquitto is, and the private loopback broker they publish to.

soak_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Sets `binary`: EDGEGW_BINARY, else the Release build of the working tree; exits 2 when it is not there.
find_edgegw() {
  binary="${EDGEGW_BINARY:-$soak_root/edge/EdgeGateway.Edge/bin/Release/net10.0/edgegw}"
  [ -x "$binary" ] || { echo "build first: dotnet build -c Release edge/EdgeGateway.Edge" >&2; exit 2; }
}

# Sets `mosquitto`; exits 2 with MESSAGE when it is not installed.
find_mosquitto() {
  mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
  [ -x "$mosquitto" ] || { echo "$1" >&2; exit 2; }
}

# write_private_broker_conf FILE PORT: no persistence, no log, no queue limit, anonymous, loopback only; as root it
# stays root (its files are the caller's temporary directory).
write_private_broker_conf() {
  printf 'persistence false\nlog_dest none\nmax_queued_messages 0\nlistener %s 127.0.0.1\nallow_anonymous true\n%s' \
    "$2" "$([ "$(id -u)" = 0 ] && echo 'user root')" >"$1"
}
