package io.punctual.scheduler.cluster;

import io.punctual.scheduler.store.jpa.JpaJobStore;
import io.punctual.scheduler.store.jpa.JpaSchema;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9's proof: three scheduler processes on one embedded PostgreSQL (fsync on), one with a clock 3 s fast and one
 * that claims beyond its free workers (a queue capacity of 8); one
 * node killed with {@code kill -9} while it runs a job with retries; PostgreSQL stopped for 8 s and started again in
 * place; then every node stopped cleanly. The jobs' own evidence and the scheduler's history must show every fire
 * once or accounted for by its policy (never twice, never silently lost), none early, the killed run lost and
 * retried in time, no live node's run lost, {@code maxInstances} kept, nothing left in flight. Fires recorded per
 * policy outside the outage (late under load, or skipped while the killed node's run held the slot until it was
 * declared lost) are reported, not failed. Node logs, the data directory and {@code report.txt} are left in
 * {@code target/cluster-test}.
 */
class ClusterProcessesTest {

    private static final Path WORK = Path.of("target", "cluster-test");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration CLOCK_AHEAD = Duration.ofSeconds(3);
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final int DYNAMIC_JOBS = 2_000;
    /**
     * The dynamic jobs are due 100 per second, from this long after node-a started. Each run writes its evidence in two
     * committed transactions (fsync on): at 200 per second the three nodes sharing two cores fell behind, and the
     * recurring jobs' fires then came more than their period late and were coalesced, as their policy says.
     */
    private static final Duration DYNAMIC_DELAY = Duration.ofSeconds(6);
    private static final Duration DYNAMIC_SPREAD = Duration.ofSeconds(20);
    /** The brief's bound for the whole scenario; checked (and reported) rather than enforced, so a slow run still reports. */
    private static final Duration TIME_BUDGET = Duration.ofMinutes(3);
    /** Start-up of a node JVM (Hibernate, the pool, the scheduler): seconds on a free machine, a minute on a loaded one. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    /** Time the nodes get after start-up before every due instant counts. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private final List<String> scenarioFailures = new ArrayList<>();
    private final List<String> scenarioNotes = new ArrayList<>();

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void threeNodesRunEveryFireOnceNeverEarlyThroughAKillADatabaseOutageAndAFastClock() throws Exception {
        ClusterRun run = new ClusterRun();
        run.nodeTimeout = NODE_TIMEOUT;
        run.dynamicJobs = DYNAMIC_JOBS;
        Instant testStart = Instant.now();
        try (PostgresController postgres = PostgresController.startFresh(WORK.resolve("pgdata"));
             ClusterNodes nodes = new ClusterNodes(WORK.resolve("logs"))) {
            String url = postgres.jdbcUrl();
            try (Connection c = DriverManager.getConnection(url)) {
                JpaSchema.create(c, JpaJobStore.DEFAULT_TABLE_PREFIX);
            }
            EvidenceTable evidence = new EvidenceTable(url);
            evidence.create();

            NodeOptions base = new NodeOptions(url, "node-a", Duration.ZERO, NODE_TIMEOUT, HEARTBEAT, 0,
                    DYNAMIC_DELAY, DYNAMIC_SPREAD, null);
            nodes.launch(base.withDynamicJobs(DYNAMIC_JOBS));
            // node-a and node-c queue fires beyond their free workers as their run times allow (the default); node-b
            // claims only for its free workers (punctual.executor.queue-capacity=0): every promise holds for both
            nodes.launch(base.withNode("node-b").withQueueCapacity(0));
            nodes.launch(base.withNode("node-c").withClockOffset(CLOCK_AHEAD));
            nodes.awaitReady(READY_WITHIN);
            scenarioNotes.add("nodes ready after " + Duration.between(testStart, Instant.now()).toMillis() + " ms");
            run.windowStart = Instant.now().plus(SETTLE);

            awaitOrNote("all " + DYNAMIC_JOBS + " dynamic jobs started", Duration.ofSeconds(90),
                    () -> evidence.countStartingWith(ClusterJobs.DYNAMIC_PREFIX) >= DYNAMIC_JOBS);

            killANodeRunningTheLongJob(run, nodes, evidence);
            NodeProcess victim = nodes.byName(run.victim);
            nodes.launch(victim.options.withNode(run.victim + "-restarted"));
            nodes.awaitReady(READY_WITHIN);

            run.outageStart = Instant.now();
            postgres.stop();
            hold(OUTAGE);
            postgres.start();
            run.outageEnd = Instant.now();
            log("PostgreSQL down from " + run.outageStart + " to " + run.outageEnd);
            hold(NODE_TIMEOUT.plusSeconds(6)); // long enough for any node to (wrongly) declare another one lost

            scenarioFailures.addAll(nodes.unexpectedDeaths());
            run.stopTime = Instant.now();
            scenarioFailures.addAll(nodes.stopAll(Duration.ofSeconds(30)));
            log("nodes stopped " + Duration.between(run.stopTime, Instant.now()).toMillis() + " ms after SIGTERM");

            List<EvidenceTable.Row> evidenceRows = evidence.readAll();
            List<ExecutionHistoryTable.Row> historyRows = new ExecutionHistoryTable(url).readAll();
            ClusterAssertions assertions = new ClusterAssertions(run, evidenceRows, historyRows).checkAll();
            Duration took = Duration.between(testStart, Instant.now());
            if (took.compareTo(TIME_BUDGET) > 0) {
                scenarioFailures.add("the scenario took " + took.toSeconds() + " s, more than " + TIME_BUDGET.toSeconds() + " s");
            }
            List<String> failures = new ArrayList<>(scenarioFailures);
            failures.addAll(assertions.failures);
            assertions.summary.addAll(0, scenarioNotes);
            String report = report(run, assertions, failures, nodes, evidenceRows.size(), historyRows.size(), testStart);
            Files.writeString(WORK.resolve("report.txt"), report, StandardCharsets.UTF_8);
            System.out.println(report);
            if (!failures.isEmpty()) {
                fail(failures.size() + " promise(s) broken; full report in " + WORK.resolve("report.txt") + "\n" + report);
            }
        }
    }

    /** Waits for a node to be 1 s into a run of the long job, kills it with {@code kill -9} and notes its runs in flight. */
    private void killANodeRunningTheLongJob(ClusterRun run, ClusterNodes nodes, EvidenceTable evidence) throws SQLException {
        EvidenceTable.Row running = await("a run of " + ClusterJobs.LONG + " 1 s in").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> longRunInFlight(evidence), Optional::isPresent).orElseThrow();
        NodeProcess victim = nodes.byName(running.node());
        nodes.kill(victim);
        run.killTime = Instant.now();
        run.victim = victim.node();
        run.victimRuns.addAll(evidence.readAll().stream().filter(r -> r.jobId().equals(ClusterJobs.LONG)
                && r.node().equals(run.victim) && r.endMicros() == null).toList());
        log("killed " + victim + " at " + run.killTime + " running " + run.victimRuns);
        Duration bound = NODE_TIMEOUT.plus(ClusterRun.LOST_RETRY_SLACK);
        awaitOrNote("the killed runs retried on a live node within " + bound.toSeconds() + " s", bound.plusSeconds(5),
                () -> {
                    List<EvidenceTable.Row> rows = evidence.readAll();
                    return run.victimRuns.stream().allMatch(killed -> retried(rows, killed));
                });
    }

    private static Optional<EvidenceTable.Row> longRunInFlight(EvidenceTable evidence) throws SQLException {
        Instant oneSecondAgo = Instant.now().minusSeconds(1);
        return evidence.readAll().stream().filter(r -> r.jobId().equals(ClusterJobs.LONG) && r.endMicros() == null
                        && r.start().isBefore(oneSecondAgo))
                .max(Comparator.comparing(EvidenceTable.Row::start));
    }

    private static boolean retried(List<EvidenceTable.Row> rows, EvidenceTable.Row killed) {
        return rows.stream().anyMatch(r -> r.jobId().equals(killed.jobId()) && r.dueMicros() == killed.dueMicros()
                && r.attempt() > killed.attempt() && !r.node().equals(killed.node()));
    }

    /**
     * Waits for {@code condition} before the next step of the scenario; a timeout is noted in the report and the
     * scenario goes on (the assertions judge the promise itself from the evidence).
     */
    private void awaitOrNote(String what, Duration atMost, Callable<Boolean> condition) {
        Instant from = Instant.now();
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition);
            scenarioNotes.add(what + ": after " + Duration.between(from, Instant.now()).toMillis() + " ms");
        } catch (ConditionTimeoutException e) {
            scenarioNotes.add(what + ": NOT within " + atMost.toSeconds() + " s; the scenario went on");
        }
        log(scenarioNotes.get(scenarioNotes.size() - 1));
    }

    /** Lets the cluster run on its own for {@code duration}. */
    private static void hold(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    private static String report(ClusterRun run, ClusterAssertions assertions, List<String> failures, ClusterNodes nodes,
                                 int evidenceRows, int historyRows, Instant testStart) {
        StringBuilder b = new StringBuilder("cluster test report, ").append(Duration.between(testStart, Instant.now()).toSeconds())
                .append(" s\n  ").append(run).append("\n  nodes: ").append(nodes.all())
                .append("\n  ").append(evidenceRows).append(" evidence rows, ").append(historyRows).append(" history rows")
                .append("\n  runs by job and node: ").append(assertions.runsByJobAndNode());
        assertions.summary.forEach(s -> b.append("\n  ").append(s));
        b.append("\n").append(failures.isEmpty() ? "every promise kept" : failures.size() + " FAILURE(S):");
        failures.forEach(f -> b.append("\n  - ").append(f));
        return b.append('\n').toString();
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " [cluster test] " + message);
    }
}
