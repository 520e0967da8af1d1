#!/usr/bin/env bash
# The start-up harness in one command (benchmarks/README.md):
#   benchmarks/run-startup.sh [--rounds N] [--app spring|sample] [--by-family true|false] ...
#
# Needs, built beforehand from the repository root (this script builds nothing):
#   mvn -B -q -pl agent,sample-app -am package -DskipTests          agent + sample-app jars
#   mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests   benchmarks/target/benchmarks.jar
#   (cd benchmarks/spring-app && mvn -B -q package -DskipTests)     the Spring Boot application
# Downloads the OpenTelemetry and Elastic agents from Maven Central into benchmarks/target/agents
# (once), then runs dev.hourglass.benchmarks.startup.StartupHarness, which writes
# benchmarks/results/startup-<date>.md. Ten rounds of the Spring app take about 15 minutes on 2 cores.
set -euo pipefail

OTEL_VERSION=2.33.1
ELASTIC_VERSION=1.55.1

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source benchmarks/download-agents.sh
download_agents "$OTEL_VERSION" "$ELASTIC_VERSION"

exec java -cp benchmarks/target/benchmarks.jar dev.hourglass.benchmarks.startup.StartupHarness \
  --otel-version "$OTEL_VERSION" --elastic-version "$ELASTIC_VERSION" \
  --command "benchmarks/run-startup.sh $*" "$@"
