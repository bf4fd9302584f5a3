#!/usr/bin/env bash
# Builds the benchmarks and runs the peer benchmark (Punctual against Quartz, db-scheduler and Spring's
# ThreadPoolTaskScheduler) with the arguments given, e.g.:
#   scheduler-benchmarks/run-peers.sh                      # everything, about 17 minutes on 2 quiet cores (README: Budgets)
#   scheduler-benchmarks/run-peers.sh --quick              # a smaller version of every scenario, about 2.7 minutes
#   scheduler-benchmarks/run-peers.sh --scenarios=S1,S2 --only=punctual-jpa,dbs-lock-and-fetch
# S1's insert and drain phases stop after 60 s (15 s with --quick; a warm-up's after a quarter, S4's inserts after half),
# a drain also once nothing started for 10 s; --budget=<seconds> sets another budget.
# Punctual settings can be changed with JAVA_OPTS="-Dbench.punctual.cluster.poll-interval=200ms" (any punctual.* property).
# Results: printed, and written to scheduler-benchmarks/results/peers.md (peers-quick.md with --quick) unless --out=<file>.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl scheduler-benchmarks -am -DskipTests package
exec java -Xms3g -Xmx3g ${JAVA_OPTS:-} -cp "scheduler-benchmarks/target/classes:$(cat scheduler-benchmarks/target/classpath.txt)" \
  io.punctual.scheduler.benchmarks.peers.PeerBenchmark "$@"
