#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser entry point (or all) with AFL++ driving SharpFuzz-instrumented assemblies.
# Usage: tests/fuzz/run.sh TARGET|all [SECONDS=60]
#   targets: hci ad pn532 ndef protocol-json bridge-message bridge-config gateway-config
# Needs: afl-fuzz (apt-get install afl++) and the SharpFuzz.CommandLine tool (installed on first use from NuGet).
# Seeds come from the harness (the unit tests' vectors) plus tests/fuzz/regressions/TARGET/. Findings land in
# $EDGEGW_FUZZ_OUT (default tests/results/fuzz/TARGET); each crash is replayed in-process to print its exception.
# Exit code: 0 no crash, 1 a crash or hang was found, 2 usage/setup error.
set -euo pipefail

target="${1:-}"
seconds="${2:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out_root="${EDGEGW_FUZZ_OUT:-$root/tests/results/fuzz}"
build="$out_root/.build"
tools="${EDGEGW_FUZZ_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/edgegw-fuzz/tools}"
targets=(hci ad pn532 ndef protocol-json bridge-message bridge-config gateway-config)

[ -n "$target" ] || { echo "usage: $0 TARGET|all [SECONDS]; targets: ${targets[*]}" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine >/dev/null
fi

# One build for every target, twice: SharpFuzz inserts AFL's edge counters into our own assemblies only (the
# runtime and third-party libraries stay as they are) in afl/; instrumented code writes into AFL's shared
# memory, so writing seeds and replaying crashes use the plain copy.
if [ ! -f "$build/afl/.instrumented" ]; then
  rm -rf "$build"
  dotnet publish "$root/tests/EdgeGateway.Fuzzing" -c Release -o "$build/plain" -nologo -clp:ErrorsOnly >/dev/null
  cp -r "$build/plain" "$build/afl"
  for assembly in EdgeGateway.Hardware EdgeGateway.Protocol edgegw edgegw-bridge; do
    "$tools/sharpfuzz" "$build/afl/$assembly.dll" >/dev/null
  done
  touch "$build/afl/.instrumented"
fi
dotnet="$(command -v dotnet)"

fuzz_one() {
  local name="$1" out="$out_root/$1" seeds="$out_root/.seeds"
  rm -rf "$out" "$seeds"
  "$dotnet" "$build/plain/EdgeGateway.Fuzzing.dll" --seeds "$seeds"
  if [ -d "$root/tests/fuzz/regressions/$name" ]; then
    cp "$root/tests/fuzz/regressions/$name"/* "$seeds/$name/" 2>/dev/null || true
  fi

  # The fork server is the .NET host, which carries no AFL instrumentation of its own (SKIP_BIN_CHECK); the
  # machine is shared, so no CPU pinning and no core_pattern/governor demands.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_NO_UI=1 AFL_QUIET=1 AFL_FORKSRV_INIT_TMOUT=60000 \
    afl-fuzz -i "$seeds/$name" -o "$out" -t 5000 -m none -V "$seconds" -- "$dotnet" "$build/afl/EdgeGateway.Fuzzing.dll" "$name" \
    >"$out_root/$name.log" 2>&1 || { echo "$name: afl-fuzz failed (see $out_root/$name.log)"; tail -20 "$out_root/$name.log"; return 1; }

  local stats="$out/default/fuzzer_stats"
  stat() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$stats"; }
  local crashes hangs
  crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
  echo "$name: seconds=$seconds execs=$(stat execs_done) execs_per_sec=$(stat execs_per_sec) corpus=$(stat corpus_count) edges=$(stat edges_found) crashes=$crashes hangs=$hangs"
  if [ "$crashes" -gt 0 ]; then
    "$dotnet" "$build/plain/EdgeGateway.Fuzzing.dll" --replay "$name" "$out/default/crashes"/id:* 2>&1 | head -40
  fi
  [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]
}

mkdir -p "$out_root"
status=0
if [ "$target" = all ]; then
  for t in "${targets[@]}"; do fuzz_one "$t" || status=1; done
else
  [[ " ${targets[*]} " == *" $target "* ]] || { echo "unknown target '$target'; targets: ${targets[*]}" >&2; exit 2; }
  fuzz_one "$target" || status=1
fi
exit $status
