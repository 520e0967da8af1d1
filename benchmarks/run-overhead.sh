#!/usr/bin/env bash
# The overhead harness in one command (benchmarks/README.md):
#   benchmarks/run-overhead.sh [--rounds N] [--warmup S] [--duration S] [--connections C] ...
#
# Needs, built beforehand from the repository root (this script builds nothing):
#   mvn -B -q -pl agent,sample-app -am package -DskipTests          agent + sample-app jars
#   mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests   benchmarks/target/benchmarks.jar
#   apt-get install -y wrk
# Downloads the OpenTelemetry and Elastic agents from Maven Central into benchmarks/target/agents
# (once), then runs dev.hourglass.benchmarks.overhead.OverheadHarness, which writes
# benchmarks/results/overhead-<date>.md. Defaults (10 rounds) take about 13 minutes on 2 cores.
set -euo pipefail

OTEL_VERSION=2.33.1
ELASTIC_VERSION=1.55.1

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
source benchmarks/download-agents.sh
download_agents "$OTEL_VERSION" "$ELASTIC_VERSION"

exec java -cp benchmarks/target/benchmarks.jar dev.hourglass.benchmarks.overhead.OverheadHarness \
  --otel-version "$OTEL_VERSION" --elastic-version "$ELASTIC_VERSION" \
  --command "benchmarks/run-overhead.sh $*" "$@"
