#!/usr/bin/env bash
# Runs every test project of EdgeGateway.sln and prints one closing line: "N passed, N failed[, N skipped]".
# Exits non-zero when a test fails, the build fails, or no test ran at all.
# Tests that need mosquitto/chromium/postgres skip with the package name when those are missing,
# except under CI=true, where they fail instead (see tests/EdgeGateway.Testing/Tools/ExternalProgram.cs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${EDGEGW_TEST_RESULTS:-$root/tests/results}"
log="$results/dotnet-test.log"
rm -rf "$results"
mkdir -p "$results"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== build (Release would hide nothing more; Debug keeps stack traces readable)"
dotnet build EdgeGateway.sln -warnaserror -nologo -clp:ErrorsOnly

echo "== test"
# One test module at a time: EdgeGateway.EndToEnd takes most of the run and holds the machine's heavy work (two
# Native AOT builds, the fault soak, Chromium), and every other module ran beside it under that load. Running them
# in turn costs about 80 s on 2 cores; a CI run once failed one test of EdgeGateway.Edge.Tests that way, unnamed in
# the log's tail (hence the list of failed tests below).
set +e
dotnet test --solution EdgeGateway.sln --no-build --report-xunit-trx --results-directory "$results" \
  --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The summary `dotnet test` prints sums every test module; take the last one in the log.
count() { grep -E "^[[:space:]]+$1: [0-9]+" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded)
failed=$(count failed)
skipped=$(count skipped)
total=$(count total)

if [ "$total" -eq 0 ]; then
  echo "no test ran (see $log)" >&2
  status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed test host or a build error is a failure even when no single test is marked failed.
  failed=1
fi

# The CI log keeps only its tail, so name each failed test and its first message line next to the verdict.
if [ "$failed" -gt 0 ]; then
  echo "== failed tests"
  perl -0777 -ne '
    while (/<UnitTestResult testName="([^"]*)"[^>]*outcome="Failed"(.*?)<\/UnitTestResult>/gs) {
      my ($name, $body) = ($1, $2);
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
      $message //= "";
      $message =~ s/&quot;/"/g; $message =~ s/&lt;/</g; $message =~ s/&gt;/>/g; $message =~ s/&amp;/&/g;
      my @lines = grep { /\S/ } split /\n/, $message;
      $name =~ s/&quot;/"/g;
      print "  $name\n";
      print "    $_\n" for @lines[0 .. ($#lines < 3 ? $#lines : 3)];
    }' "$results"/*.trx 2>/dev/null || true
fi

line="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
  line="$line, $skipped skipped"
fi
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
