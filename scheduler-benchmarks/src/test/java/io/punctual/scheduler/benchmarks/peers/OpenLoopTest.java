package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds of an open loop, without a scheduler: a clock that submissions move on, and a park that does not sleep. */
class OpenLoopTest {

    private static final Duration DELAY = Duration.ofSeconds(2);

    @Test
    void aLoopThatKeepsUpSubmitsEveryJobAndKnowsTheLastDueTime() throws Exception {
        AtomicLong clock = new AtomicLong(); // submissions take no time: every job is submitted before its instant
        Map<Integer, Instant> due = new ConcurrentHashMap<>();

        Load.OpenLoop loop = Load.openLoop(100, Duration.ofSeconds(2), DELAY, OpenLoopRun.GRACE, clock::get, wait -> { }, due::put);

        assertThat(loop.fellBehind()).isFalse();
        assertThat(loop.submitted()).isEqualTo(200).isEqualTo(due.size());
        assertThat(loop.planned()).isEqualTo(200);
        // job 199 is planned 1.99 s after job 0, each due 2 s after its instant
        assertThat(loop.lastDue()).isEqualTo(due.get(199)).isEqualTo(due.get(0).plusMillis(1_990));
    }

    @Test
    void aLoopThatFallsTenSecondsBehindItsTimetableStopsSubmitting() throws Exception {
        AtomicLong clock = new AtomicLong();
        Set<Integer> done = ConcurrentHashMap.newKeySet();

        // 500/s planned (2 ms apart, 16 ms per submitter), each submission takes 80 ms: 10 s behind after about 130
        // jobs when the 8 submitters take turns, about 160 when one runs alone (the others can only add to its delay)
        Load.OpenLoop loop = Load.openLoop(500, Duration.ofSeconds(10), DELAY, OpenLoopRun.GRACE, clock::get, wait -> { },
                (i, due) -> {
                    clock.addAndGet(80_000_000L);
                    done.add(i);
                });

        assertThat(loop.fellBehind()).isTrue();
        assertThat(loop.planned()).isEqualTo(5_000);
        assertThat(loop.submitted()).isEqualTo(done.size()).isBetween(120, 180);
    }

    @Test
    void theRunnerWaitsForFiresUntilTenSecondsAfterTheLastDueTime() {
        Instant lastDue = Instant.parse("2026-12-01T10:00:12Z");

        assertThat(OpenLoopRun.waitAfterLoop(lastDue, Instant.parse("2026-12-01T10:00:10Z"))).hasSeconds(12);
        // a loop whose submissions ended long after their due times waits no longer
        assertThat(OpenLoopRun.waitAfterLoop(lastDue, Instant.parse("2026-12-01T10:00:30Z"))).isZero();
    }

    @Test
    void aRunInWhichNothingStartedHasNoLatenessRatherThanZero() {
        Recorder recorder = new Recorder();
        recorder.expect("a", Instant.now());

        assertThat(recorder.latenessMs(99)).isNaN();
        assertThat(recorder.maxLatenessMs()).isNaN();
        assertThat(recorder.missing()).isEqualTo(1);
        assertThat(Table.format(recorder.latenessMs(50))).isEqualTo("–");
    }

    @Test
    void aRunWhoseLoopFellBehindIsMarkedWithHowManyJobsItSubmitted() {
        Table table = new Table("S2 test", OpenLoopRun.COLUMNS)
                .add("PostgreSQL 500/s", "punctual-jpa", true, 2, 3, 5, 30, 0, 2.2, 0, 0)
                .add("PostgreSQL 500/s", "quartz-jdbc", false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 2.0, 2_470, 0);
        new OpenLoopRun.Result(null, new Load.OpenLoop(5_000, 5_000, Instant.now(), false)).mark(table, "PostgreSQL 500/s", "punctual-jpa");
        new OpenLoopRun.Result(null, new Load.OpenLoop(2_470, 5_000, Instant.now(), true)).mark(table, "PostgreSQL 500/s", "quartz-jdbc");

        assertThat(table.markdown())
                .contains("| PostgreSQL 500/s | **punctual-jpa** | 2 | 3 | 5 | 30 | 0 | 2.20 | 0 | 0 |")
                .contains("| PostgreSQL 500/s | quartz-jdbc | – † | – † | – † | – † | 0 † | 2 † | 2,470 † | 0 † |")
                .contains("† quartz-jdbc, PostgreSQL 500/s: submissions fell 10 s behind the timetable: stopped after 2,470 of 5,000"
                        + " submitted; the figures are over those.");
    }
}
