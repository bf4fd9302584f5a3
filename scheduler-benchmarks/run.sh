#!/usr/bin/env bash
# Builds the benchmarks and runs JMH with the arguments given, e.g.:
#   scheduler-benchmarks/run.sh -f 1 -wi 3 -w 2s -i 5 -r 2s MemoryClaimBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl scheduler-benchmarks -am -DskipTests package
exec java -cp "scheduler-benchmarks/target/classes:$(cat scheduler-benchmarks/target/classpath.txt)" org.openjdk.jmh.Main "$@"
