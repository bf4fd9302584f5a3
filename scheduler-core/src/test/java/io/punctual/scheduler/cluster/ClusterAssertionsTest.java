package io.punctual.scheduler.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster test's judge on made-up evidence: it must see every broken promise and name it precisely. */
class ClusterAssertionsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final ClusterRun run = new ClusterRun();
    private final List<EvidenceTable.Row> evidence = new ArrayList<>();
    private final List<ExecutionHistoryTable.Row> history = new ArrayList<>();

    ClusterAssertionsTest() {
        run.nodeTimeout = Duration.ofSeconds(10);
        run.windowStart = T0;
        run.stopTime = T0.plusSeconds(10).plus(ClusterAssertions.STOP_MARGIN); // cron due instants T0 .. T0+9s
        run.victim = "node-x";
        run.killTime = T0.plusSeconds(1);
    }

    private EvidenceTable.Row ran(String job, Instant due, String node, int attempt, Instant start, Instant end) {
        String execution = UUID.randomUUID().toString();
        EvidenceTable.Row row = new EvidenceTable.Row(UUID.randomUUID().toString(), job, Micros.of(due), node, attempt, execution,
                Micros.of(start), end == null ? null : Micros.of(end), end == null ? null : "success");
        evidence.add(row);
        history.add(new ExecutionHistoryTable.Row(execution, job, due, start, end, end == null ? null : "SUCCESS", node, attempt, 1, null));
        return row;
    }

    private void everyCronSecondRanOnce() {
        for (int s = 0; s < 10; s++) {
            ran(ClusterJobs.CRON, T0.plusSeconds(s), "node-a", 1, T0.plusSeconds(s).plusMillis(3), T0.plusSeconds(s).plusMillis(5));
        }
    }

    /** Takes the runs of the cron due at these seconds after T0 out of the evidence and the history. */
    private void notRun(int... seconds) {
        for (int s : seconds) {
            Instant due = T0.plusSeconds(s);
            evidence.removeIf(r -> r.due().equals(due));
            history.removeIf(h -> h.scheduled().equals(due));
        }
    }

    private DueInstantCheck.Result cron() {
        return DueInstantCheck.check(ClusterJobs.CRON, ClusterJobs.CRON_PERIOD, Instant.EPOCH, run.windowStart,
                run.stopTime.minus(ClusterAssertions.STOP_MARGIN), run, evidence, history);
    }

    @Test
    void everyDueInstantRunOnceOnTimeBreaksNoPromise() {
        everyCronSecondRanOnce();

        assertThat(cron().failures()).isEmpty();
        assertThat(cron().ranOnce()).isEqualTo(10);
    }

    @Test
    void aDueInstantThatRanTwiceIsNamedWithTheNodesThatRanIt() {
        everyCronSecondRanOnce();
        ran(ClusterJobs.CRON, T0.plusSeconds(4), "node-c", 1, T0.plusSeconds(4).plusMillis(1), T0.plusSeconds(4).plusMillis(2));

        assertThat(cron().failures()).singleElement().asString().contains("ran more than once: 1")
                .contains("2026-06-01T12:00:04Z ran 2x").contains("node-a@").contains("node-c@");
    }

    @Test
    void aDueInstantNeitherRunNorRecordedIsMissingAndOneCoalescedOutsideTheOutageIsReportedAsLate() {
        everyCronSecondRanOnce();
        notRun(2, 6, 7);
        history.add(new ExecutionHistoryTable.Row("c", ClusterJobs.CRON, T0.plusSeconds(6), null, T0.plusSeconds(8), "COALESCED",
                "node-b", 1, 2, "coalesced; 2 fires due 2026-06-01T12:00:06Z to 2026-06-01T12:00:07Z"));

        assertThat(cron().failures()).singleElement().asString().contains("neither run nor recorded per policy: 1")
                .contains("12:00:02Z (no evidence, no history row)");
        assertThat(cron().late()).hasSize(2).anySatisfy(l -> assertThat(l).contains("12:00:07Z COALESCED"));
        assertThat(cron().summary()).contains("2 recorded per policy outside it {COALESCED=2}");
    }

    @Test
    void firesCoalescedDuringTheOutageAreRecordedPerPolicy() {
        everyCronSecondRanOnce();
        notRun(6, 7);
        history.add(new ExecutionHistoryTable.Row("c", ClusterJobs.CRON, T0.plusSeconds(6), null, T0.plusSeconds(8), "COALESCED",
                "node-b", 1, 2, null));
        run.outageStart = T0.plusSeconds(6);
        run.outageEnd = T0.plusSeconds(7);

        assertThat(cron().failures()).isEmpty();
        assertThat(cron().recordedPerPolicy()).isEqualTo(2);
    }

    @Test
    void theGridOfAFixedRateIsThePhaseMostRunsShareAndDueTimesOffItAreReported() {
        Instant anchor = T0.plusMillis(70);
        for (int i = 0; i < 5; i++) {
            ran(ClusterJobs.RATE, anchor.plusMillis(200L * i), "node-a", 1, anchor.plusMillis(200L * i + 1), anchor.plusMillis(200L * i + 2));
        }
        ran(ClusterJobs.RATE, T0.plusMillis(333), "node-b", 1, T0.plusMillis(334), T0.plusMillis(335));

        Instant grid = DueInstantCheck.dominantGrid(ClusterJobs.RATE, ClusterJobs.RATE_PERIOD, evidence);

        assertThat(DueInstantCheck.firstOnGrid(grid, ClusterJobs.RATE_PERIOD, T0)).isEqualTo(anchor);
        assertThat(DueInstantCheck.firstOnGrid(grid, ClusterJobs.RATE_PERIOD, anchor.plusNanos(1))).isEqualTo(anchor.plusMillis(200));
        DueInstantCheck.Result result = DueInstantCheck.check(ClusterJobs.RATE, ClusterJobs.RATE_PERIOD, grid, T0, T0.plusSeconds(1),
                run, evidence, history);
        assertThat(result.ranOnce()).isEqualTo(5);
        assertThat(result.failures()).singleElement().asString().contains("off the schedule's grid: 1").contains("12:00:00.333Z");
    }

    @Test
    void aFireStartedBeforeItWasDueIsReportedWithItsNodeAndHowEarly() {
        ran(ClusterJobs.CRON, T0.plusSeconds(3), "node-c", 1, T0.plusMillis(20), T0.plusMillis(25));
        ClusterAssertions assertions = new ClusterAssertions(run, evidence, history);

        assertions.noFireStartedBeforeItWasDue();

        assertThat(assertions.failures).singleElement().asString().contains("node-c 1 early, up to 2980.0 ms")
                .contains("2980.0 ms early: cluster-cron-1s due 2026-06-01T12:00:03Z");
    }

    @Test
    void threeOverlappingRunsOfTheLongJobBreakMaxInstancesCountingAKilledRunUntilTheKill() {
        ran(ClusterJobs.LONG, T0, "node-x", 1, T0.plusMillis(100), null); // killed at T0+1s
        ran(ClusterJobs.LONG, T0, "node-a", 1, T0.plusMillis(500), T0.plusSeconds(3));
        ran(ClusterJobs.LONG, T0.plusSeconds(1), "node-b", 1, T0.plusMillis(900), T0.plusSeconds(4));
        ran(ClusterJobs.LONG, T0.plusSeconds(2), "node-b", 1, T0.plusMillis(1500), T0.plusSeconds(5));
        ClusterAssertions assertions = new ClusterAssertions(run, evidence, history);

        assertions.longJobNeverExceededMaxInstances();

        assertThat(assertions.failures).singleElement().asString()
                .contains("had 3 runs in flight at 2026-06-01T12:00:00.900Z").contains("on node-x").contains("on node-b");
    }

    @Test
    void aKilledRunRetriedTooLateAndALiveNodesRunRecordedLostAreBothReported() {
        EvidenceTable.Row killed = ran(ClusterJobs.LONG, T0, "node-x", 1, T0.plusMillis(100), null);
        run.victimRuns.add(killed);
        history.replaceAll(h -> h.executionId().equals(killed.executionId())
                ? new ExecutionHistoryTable.Row(h.executionId(), h.jobId(), h.scheduled(), h.start(), T0.plusSeconds(12), "LOST", "node-x", 1, 1, null)
                : h);
        ran(ClusterJobs.LONG, T0, "node-a", 2, T0.plusSeconds(17), T0.plusSeconds(18));
        history.add(new ExecutionHistoryTable.Row("e", ClusterJobs.CRON, T0, T0, T0.plusSeconds(9), "LOST", "node-b", 1, 1, null));
        ClusterAssertions assertions = new ClusterAssertions(run, evidence, history);

        assertions.killedRunsWereRecordedLostAndRetriedOnALiveNode();
        assertions.noRunOfALiveNodeWasRecordedLost();

        assertThat(assertions.failures).hasSize(2);
        assertThat(assertions.failures.get(0)).contains("retried 16000 ms after the kill on node-a, later than node-timeout + 5 s = 15000 ms");
        assertThat(assertions.failures.get(1)).contains("runs of live nodes recorded lost: 1").contains("cluster-cron-1s LOST")
                .contains("on node-b");
    }

    @Test
    void anExecutionLeftInFlightIsReportedWithWhatTheEvidenceSaysOfIt() {
        ran(ClusterJobs.RATE, T0, "node-b", 1, T0.plusMillis(1), null);
        ClusterAssertions assertions = new ClusterAssertions(run, evidence, history);

        assertions.noExecutionLeftInFlight();

        assertThat(assertions.failures).singleElement().asString().contains("still in flight after every node stopped: 1")
                .contains("cluster-rate-200ms in flight due 2026-06-01T12:00:00Z").contains("evidence: cluster-rate-200ms");
    }
}
