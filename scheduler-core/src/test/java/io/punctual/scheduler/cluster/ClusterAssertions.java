package io.punctual.scheduler.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.punctual.scheduler.cluster.DueInstantCheck.addGroup;
import static io.punctual.scheduler.cluster.DueInstantCheck.shown;

/**
 * The promises of issue 9 judged on the evidence and the execution history of one {@link ClusterRun}. Each check adds
 * specific failure messages (which instants, which nodes, by how much) and a line to the summary, so one run of the
 * test reports every promise it breaks, not only the first.
 */
final class ClusterAssertions {

    /** Due instants this close to the stop are left out: they may rightly be cut short by the shutdown. */
    static final Duration STOP_MARGIN = Duration.ofMillis(1500);

    private final ClusterRun run;
    private final List<EvidenceTable.Row> evidence;
    private final List<ExecutionHistoryTable.Row> history;
    final List<String> failures = new ArrayList<>();
    final List<String> summary = new ArrayList<>();

    ClusterAssertions(ClusterRun run, List<EvidenceTable.Row> evidence, List<ExecutionHistoryTable.Row> history) {
        this.run = run;
        this.evidence = evidence;
        this.history = history;
    }

    /** Runs every check. */
    ClusterAssertions checkAll() {
        periodicJobsRanEveryDueInstantOnce();
        dynamicJobsRanOnceEach();
        noFireStartedBeforeItWasDue();
        killedRunsWereRecordedLostAndRetriedOnALiveNode();
        noRunOfALiveNodeWasRecordedLost();
        longJobNeverExceededMaxInstances();
        noExecutionLeftInFlight();
        return this;
    }

    void periodicJobsRanEveryDueInstantOnce() {
        Instant to = run.stopTime.minus(STOP_MARGIN);
        List<DueInstantCheck.Result> results = List.of(
                DueInstantCheck.check(ClusterJobs.CRON, ClusterJobs.CRON_PERIOD, Instant.EPOCH, run.windowStart, to, run, evidence, history),
                DueInstantCheck.check(ClusterJobs.RATE, ClusterJobs.RATE_PERIOD,
                        DueInstantCheck.dominantGrid(ClusterJobs.RATE, ClusterJobs.RATE_PERIOD, evidence), run.windowStart, to, run,
                        evidence, history));
        for (DueInstantCheck.Result r : results) {
            summary.add(r.summary());
            r.late().stream().limit(10).forEach(l -> summary.add("    " + l));
            failures.addAll(r.failures());
        }
    }

    void dynamicJobsRanOnceEach() {
        Map<String, List<EvidenceTable.Row>> byId = evidence.stream().filter(r -> r.jobId().startsWith(ClusterJobs.DYNAMIC_PREFIX))
                .collect(Collectors.groupingBy(EvidenceTable.Row::jobId, TreeMap::new, Collectors.toList()));
        List<String> missing = IntStream.range(0, run.dynamicJobs).mapToObj(ClusterJobs::dynamicId)
                .filter(id -> !byId.containsKey(id)).toList();
        List<String> doubled = byId.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " ran " + e.getValue().size() + "x: " + e.getValue().stream().map(r -> r.node() + "@" + r.start()).toList())
                .toList();
        summary.add("dynamic: " + run.dynamicJobs + " scheduled, " + byId.size() + " ran, " + missing.size() + " never ran, "
                + doubled.size() + " ran more than once; runs by node " + countBy(byId.values().stream().flatMap(List::stream).toList(), EvidenceTable.Row::node));
        addGroup(failures, "dynamic one-time jobs that never ran", missing);
        addGroup(failures, "dynamic one-time jobs that ran more than once", doubled);
    }

    void noFireStartedBeforeItWasDue() {
        List<EvidenceTable.Row> early = evidence.stream().filter(r -> r.startMicros() < r.dueMicros())
                .sorted(Comparator.comparingLong(r -> r.startMicros() - r.dueMicros())).toList();
        Map<String, List<EvidenceTable.Row>> byNode = early.stream().collect(Collectors.groupingBy(EvidenceTable.Row::node, TreeMap::new, Collectors.toList()));
        String perNode = byNode.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size() + " early, up to "
                + millis(e.getValue().get(0).dueMicros() - e.getValue().get(0).startMicros()) + " ms")
                .collect(Collectors.joining("; "));
        summary.add("early fires by the machine clock: " + early.size() + " of " + evidence.size() + " runs"
                + (early.isEmpty() ? "" : " (" + perNode + ")"));
        if (!early.isEmpty()) {
            failures.add("fires started before they were due: " + early.size() + " (" + perNode + "), earliest first:"
                    + shown(early, r -> millis(r.dueMicros() - r.startMicros()) + " ms early: " + r));
        }
    }

    void killedRunsWereRecordedLostAndRetriedOnALiveNode() {
        if (run.victimRuns.isEmpty()) {
            failures.add("no run of " + ClusterJobs.LONG + " was in flight on the killed node " + run.victim + ": nothing to check");
            return;
        }
        Duration bound = run.nodeTimeout.plus(ClusterRun.LOST_RETRY_SLACK);
        for (EvidenceTable.Row killed : run.victimRuns) {
            Optional<ExecutionHistoryTable.Row> row = history.stream().filter(h -> h.executionId().equals(killed.executionId())).findFirst();
            String recorded = row.map(h -> h.outcome() == null ? "still in flight" : h.outcome()).orElse("no history row");
            if (row.isEmpty() || !row.get().is("LOST")) {
                failures.add("killed run not recorded lost (history: " + recorded + "): " + killed);
            }
            Optional<EvidenceTable.Row> retry = evidence.stream().filter(r -> r.jobId().equals(killed.jobId())
                    && r.dueMicros() == killed.dueMicros() && r.attempt() == killed.attempt() + 1 && !r.node().equals(run.victim))
                    .min(Comparator.comparingLong(EvidenceTable.Row::startMicros));
            String delay = retry.map(r -> Duration.between(run.killTime, r.start()).toMillis() + " ms after the kill on " + r.node())
                    .orElse("never");
            boolean beforeTimeout = retry.isPresent() && Duration.between(run.killTime, retry.get().start()).compareTo(run.nodeTimeout) < 0;
            summary.add("killed run due " + killed.due() + " attempt " + killed.attempt() + ": recorded " + recorded + ", retried " + delay
                    + (beforeTimeout ? " (before the node timeout: the node was declared lost before " + run.nodeTimeout.toSeconds()
                    + " s of silence by the machine clock)" : ""));
            if (retry.isEmpty()) {
                failures.add("killed run never retried on a live node: " + killed);
            } else if (Duration.between(run.killTime, retry.get().start()).compareTo(bound) > 0) {
                failures.add("killed run retried " + delay + ", later than node-timeout + " + ClusterRun.LOST_RETRY_SLACK.toSeconds()
                        + " s = " + bound.toMillis() + " ms: " + killed);
            }
        }
    }

    void noRunOfALiveNodeWasRecordedLost() {
        List<ExecutionHistoryTable.Row> lost = history.stream().filter(h -> h.is("LOST") && !h.node().equals(run.victim)).toList();
        summary.add("lost rows: " + history.stream().filter(h -> h.is("LOST")).count() + " (" + lost.size() + " of live nodes)");
        addGroup(failures, "runs of live nodes recorded lost", lost.stream().map(h -> h + evidenceOf(h)).toList());
    }

    void longJobNeverExceededMaxInstances() {
        List<long[]> events = new ArrayList<>(); // {time, +1/-1}
        List<EvidenceTable.Row> runs = evidence.stream().filter(r -> r.jobId().equals(ClusterJobs.LONG)).toList();
        for (EvidenceTable.Row r : runs) {
            events.add(new long[] {r.startMicros(), 1});
            events.add(new long[] {endOf(r), -1});
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])); // an end before a start at the same instant
        int inFlight = 0;
        int max = 0;
        long maxAt = 0;
        for (long[] e : events) {
            inFlight += (int) e[1];
            if (inFlight > max) {
                max = inFlight;
                maxAt = e[0];
            }
        }
        summary.add(ClusterJobs.LONG + ": " + runs.size() + " runs, at most " + max + " in flight at once (maxInstances="
                + ClusterJobs.LONG_MAX_INSTANCES + ")");
        if (max > ClusterJobs.LONG_MAX_INSTANCES) {
            long at = maxAt;
            List<EvidenceTable.Row> overlapping = runs.stream().filter(r -> r.startMicros() <= at && endOf(r) > at).toList();
            failures.add(ClusterJobs.LONG + " had " + max + " runs in flight at " + Micros.toInstant(at) + ", more than maxInstances="
                    + ClusterJobs.LONG_MAX_INSTANCES + ":" + shown(overlapping, EvidenceTable.Row::toString));
        }
    }

    void noExecutionLeftInFlight() {
        List<ExecutionHistoryTable.Row> inFlight = history.stream().filter(ExecutionHistoryTable.Row::inFlight).toList();
        summary.add("executions in flight after every node stopped: " + inFlight.size());
        addGroup(failures, "executions still in flight after every node stopped", inFlight.stream().map(h -> h + evidenceOf(h)).toList());
    }

    /** When a run stopped by the evidence: its end, the kill for the killed node, else the stop of the nodes. */
    private long endOf(EvidenceTable.Row r) {
        if (r.endMicros() != null) {
            return r.endMicros();
        }
        return Micros.of(r.node().equals(run.victim) ? run.killTime : run.stopTime);
    }

    private String evidenceOf(ExecutionHistoryTable.Row h) {
        return evidence.stream().filter(r -> h.executionId().equals(r.executionId())).findFirst()
                .map(r -> "; evidence: " + r).orElse("; no evidence of a start");
    }

    private static String millis(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static <T> Map<String, Long> countBy(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /** Runs per job and node, for the report. */
    String runsByJobAndNode() {
        return evidence.stream().collect(Collectors.groupingBy(r -> r.jobId().startsWith(ClusterJobs.DYNAMIC_PREFIX) ? "dynamic" : r.jobId(),
                TreeMap::new, Collectors.groupingBy(EvidenceTable.Row::node, TreeMap::new, Collectors.counting()))).toString();
    }
}
