#!/usr/bin/env bash
# Hot-path benchmarks and the series memory report (benchmarks/README.md):
#   benchmarks/run-jmh.sh            full settings, about 5 minutes on 2 cores
#   benchmarks/run-jmh.sh --quick    smoke test only; numbers not for quoting
#
# Needs benchmarks/target/benchmarks.jar, built from the repository root with
#   mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
# Writes benchmarks/results/hotpath-<date>.md and benchmarks/results/memory-<date>.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "$jar missing: mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests" >&2; exit 2; }
day="$(date -u +%Y-%m-%d)"
mkdir -p benchmarks/results

java -cp "$jar" dev.hourglass.benchmarks.hotpath.HotPathReport "benchmarks/results/hotpath-$day.md" "$@"
# Serial GC: "heap used" after System.gc() is then the live heap, which the report divides.
java -XX:+UseSerialGC -Xmx1g -cp "$jar" dev.hourglass.benchmarks.memory.SeriesMemoryReport \
  "benchmarks/results/memory-$day.md"
